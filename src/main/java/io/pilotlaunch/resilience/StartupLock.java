package io.pilotlaunch.resilience;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Nodes that start together on one PostgreSQL take turns. Starting, a node creates or updates the
 * engine's schema, creates the admin, sets up the teams and deploys the models; two nodes doing
 * that on an empty database at once fail ("duplicate key ... pg_type_typname_nsp_index" from two
 * CREATE TABLEs). The first node holds a PostgreSQL advisory lock from before the engine is built
 * until the app has started; the others wait for it, then find everything in place. The lock
 * belongs to the lock's connection: a node that dies while starting frees it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE) // the first plugin: before anything touches the schema
public class StartupLock extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(StartupLock.class);

  /** Any fixed number: "PILOT" in ASCII. */
  private static final long LOCK_KEY = 0x50494c4f54L;

  /** A node that holds the lock longer is stuck; the next one gives up instead of hanging. */
  private static final String WAIT_AT_MOST = "5min";

  private final DataSource dataSource;
  private Connection lock;

  public StartupLock(DataSource dataSource) {
    this.dataSource = dataSource;
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
      try (Statement statement = connection.createStatement()) {
        long waitingSince = System.nanoTime();
        statement.execute("set lock_timeout = '" + WAIT_AT_MOST + "'");
        statement.execute("select pg_advisory_lock(" + LOCK_KEY + ")");
        log.info("Startup lock taken after {} ms", (System.nanoTime() - waitingSince) / 1_000_000);
      }
      lock = connection;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not take the startup lock on the database", e);
    }
  }

  @EventListener({ApplicationStartedEvent.class, ApplicationFailedEvent.class})
  public synchronized void release() {
    if (lock == null) {
      return;
    }
    try (Connection connection = lock) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("select pg_advisory_unlock(" + LOCK_KEY + ")");
        statement.execute("reset lock_timeout");
      }
    } catch (SQLException e) {
      // closing the connection frees the lock as well
      log.warn("Could not release the startup lock cleanly: {}", e.toString());
    } finally {
      lock = null;
    }
  }
}
