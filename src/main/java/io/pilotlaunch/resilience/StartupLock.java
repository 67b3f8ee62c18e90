package io.pilotlaunch.resilience;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Nodes that start together on one PostgreSQL take turns where it matters: building the engine,
 * which creates or updates the engine's schema, creates the admin (Camunda's admin-user plugin),
 * sets up the teams ({@code TeamSetup}) and, last, deploys the models. Two nodes doing that on an
 * empty database at once fail ("duplicate key ... pg_type_typname_nsp_index" from two CREATE
 * TABLEs). The lock is a PostgreSQL advisory lock, taken before the engine is built (this is the
 * first plugin) and released once the engine bean exists, deployments included ({@link
 * StartupLockRelease}); the rest of the start runs in parallel on every node. Flyway's migrations
 * have Flyway's own lock.
 *
 * <p>A node waits as long as it takes: on a slow machine the holder may need minutes. It asks in
 * rounds of {@code pilot.startup-lock.round} and logs each round it waited, with the holder's
 * database session, so a stuck holder can be found. The lock belongs to the lock's connection: a
 * node that dies while starting frees it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE) // the first plugin: before anything touches the schema
public class StartupLock extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(StartupLock.class);

  /** Any fixed number: "PILOT" in ASCII. */
  private static final long LOCK_KEY = 0x50494c4f54L;

  /** PostgreSQL's "lock_not_available", what a lock_timeout ends with. */
  private static final String LOCK_NOT_AVAILABLE = "55P03";

  private final DataSource dataSource;
  private final Duration round;
  private Connection lock;

  public StartupLock(
      DataSource dataSource, @Value("${pilot.startup-lock.round:PT30S}") Duration round) {
    this.dataSource = dataSource;
    this.round = round;
  }

  @Override
  public synchronized void preInit(ProcessEngineConfigurationImpl configuration) {
    try {
      Connection connection = dataSource.getConnection();
      if (!connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
        connection.close(); // H2 files take one node only
        return;
      }
      connection.setAutoCommit(true);
      long waitingSince = System.nanoTime();
      try (Statement statement = connection.createStatement()) {
        statement.execute("set lock_timeout = " + round.toMillis());
        while (!tryLock(statement)) {
          log.warn(
              "Waiting {} s for the startup lock; another node is starting (held by {})",
              (System.nanoTime() - waitingSince) / 1_000_000_000,
              holder(connection));
        }
        statement.execute("reset lock_timeout");
      }
      log.info("Startup lock taken after {} ms", (System.nanoTime() - waitingSince) / 1_000_000);
      lock = connection;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not take the startup lock on the database", e);
    }
  }

  /** Whether the lock was taken within one round; false when the round timed out. */
  private static boolean tryLock(Statement statement) throws SQLException {
    try {
      statement.execute("select pg_advisory_lock(" + LOCK_KEY + ")");
      return true;
    } catch (SQLException e) {
      if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  /** The database session that holds the lock, as pg_stat_activity knows it. */
  private static String holder(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet holder =
            statement.executeQuery(
                "select 'pid ' || a.pid || ' from ' || coalesce(host(a.client_addr), 'local')"
                    + " || ', connected at ' || a.backend_start"
                    + " from pg_locks l join pg_stat_activity a on a.pid = l.pid"
                    + " where l.locktype = 'advisory' and l.granted"
                    + " and ((l.classid::bigint << 32) | l.objid::bigint) = "
                    + LOCK_KEY)) {
      return holder.next() ? holder.getString(1) : "no one any more";
    }
  }

  /** Called once the engine is built and the models are deployed, or when the start failed. */
  @EventListener(ApplicationFailedEvent.class)
  public synchronized void release() {
    if (lock == null) {
      return;
    }
    try (Connection connection = lock) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("select pg_advisory_unlock(" + LOCK_KEY + ")");
      }
      log.info("Startup lock released");
    } catch (SQLException e) {
      // closing the connection frees the lock as well
      log.warn("Could not release the startup lock cleanly: {}", e.toString());
    } finally {
      lock = null;
    }
  }
}
