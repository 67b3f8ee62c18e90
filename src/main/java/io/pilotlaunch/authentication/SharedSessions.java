package io.pilotlaunch.authentication;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * The HTTP sessions live in the database (Spring Session JDBC, ADR 0021), so a login made on one
 * node counts on every node. Everything else is configuration (application.yaml, {@code
 * spring.session}).
 */
@Configuration(proxyBeanMethods = false)
class SharedSessions {

  /**
   * Tasklist sends its requests in parallel, and two of them may add the same attribute to one
   * session: on PostgreSQL the second insert becomes an update instead of a duplicate-key 500. H2
   * (the demo, one node, one person) keeps Spring Session's plain insert.
   */
  @Bean
  SessionRepositoryCustomizer<JdbcIndexedSessionRepository> upsertSessionAttributes(
      DataSource dataSource) {
    return repository -> {
      if (isPostgreSql(dataSource)) {
        new PostgreSqlJdbcIndexedSessionRepositoryCustomizer().customize(repository);
      }
    };
  }

  private static boolean isPostgreSql(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      return connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot tell which database holds the sessions", e);
    }
  }
}
