package io.pilotlaunch.resilience;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The "db" health: can this node reach its database now, answered within a bound. It replaces
 * Spring Boot's check (same bean name), which borrows from the app's pool: a pool busy with
 * requests made that check wait for a connection and say DOWN, and a load balancer pulled a healthy
 * node. This check has a pool of its own, one connection with the app's settings (URL, user, the
 * driver's timeouts), waits at most {@code pilot.health.database-timeout} for it and as long again
 * for the database to answer (ADR 0018).
 */
@Component("dbHealthIndicator")
class DatabaseHealth implements HealthIndicator, DisposableBean {

  private final HikariDataSource probe;
  private final int answerSeconds;

  DatabaseHealth(
      DataSource appDataSource, @Value("${pilot.health.database-timeout:PT1S}") Duration timeout)
      throws SQLException {
    HikariConfig config = new HikariConfig();
    appDataSource.unwrap(HikariDataSource.class).copyStateTo(config);
    config.setPoolName("health");
    config.setMaximumPoolSize(1);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(timeout.toMillis());
    config.setValidationTimeout(Math.max(250, timeout.toMillis() / 2));
    // the node starts, and says DOWN, while the database is out of reach
    config.setInitializationFailTimeout(-1);
    probe = new HikariDataSource(config);
    answerSeconds = (int) Math.max(1, timeout.toSeconds());
  }

  @Override
  public Health health() {
    try (Connection connection = probe.getConnection()) {
      // isValid bounds its round trip itself (PostgreSQL's driver sets a network timeout for it)
      if (connection.isValid(answerSeconds)) {
        return Health.up().build();
      }
      return Health.down().withDetail("error", "no answer within " + answerSeconds + " s").build();
    } catch (SQLException e) {
      return Health.down(e).build();
    }
  }

  @Override
  public void destroy() {
    probe.close();
  }
}
