package io.pilotlaunch.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One real PostgreSQL for the whole integration-test run, started on first use and stopped when the
 * JVM exits. Every integration test shares it, as the nodes of a deployment share one database.
 */
public final class EmbeddedPostgresDatabase {

  public static final String USER = "postgres";
  public static final String DATABASE = "postgres";

  private static EmbeddedPostgres postgres;
  private static boolean statementStatistics;

  private EmbeddedPostgresDatabase() {}

  public static synchronized String jdbcUrl() {
    if (postgres == null) {
      try {
        EmbeddedPostgres.Builder builder =
            EmbeddedPostgres.builder().setRegisterShutdownHook(false);
        if (statementStatistics) {
          builder.setServerConfig("shared_preload_libraries", "pg_stat_statements,auto_explain");
          // -Dbench.explain-ms=N: the plan of every statement slower than N ms, in the server's log
          String explainMillis = System.getProperty("bench.explain-ms");
          if (explainMillis != null && !explainMillis.isBlank()) {
            builder.setServerConfig("auto_explain.log_min_duration", explainMillis + "ms");
            builder.setServerConfig("auto_explain.log_analyze", "on");
            builder.setServerConfig("auto_explain.log_buffers", "on");
          }
        }
        postgres = builder.start();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresDatabase::stopAfterSpring));
    }
    return postgres.getJdbcUrl(USER, DATABASE);
  }

  /**
   * Before the first use: the server counts the statements of every database (pg_stat_statements,
   * created in the default database), for the benchmark.
   */
  public static synchronized void withStatementStatistics() {
    if (postgres != null) {
      throw new IllegalStateException("The embedded PostgreSQL has started already");
    }
    statementStatistics = true;
  }

  /**
   * A new, empty database of this name on the same server, as a fresh deployment finds it; returns
   * its JDBC URL.
   */
  public static synchronized String freshDatabase(String name) {
    jdbcUrl();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists " + name + " with (force)");
      statement.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + name, e);
    }
    return postgres.getJdbcUrl(USER, name);
  }

  /** The URL of that database when reached through another port, a proxy's say. */
  public static String jdbcUrl(String database, int port) {
    return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=" + USER;
  }

  public static synchronized int port() {
    jdbcUrl();
    return postgres.getPort();
  }

  /**
   * Shutdown hooks run concurrently. Stopping PostgreSQL while a Spring context still closes its
   * engine leaves the job executor waiting for a connection until the JVM is killed, so the
   * database waits for Spring's shutdown hooks first.
   */
  private static void stopAfterSpring() {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline && springIsClosing()) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        break;
      }
    }
    stop();
  }

  private static boolean springIsClosing() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(
            thread ->
                thread.isAlive()
                    && thread.getName().startsWith("Spring")
                    && thread.getName().endsWith("ShutdownHook"));
  }

  private static synchronized void stop() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
