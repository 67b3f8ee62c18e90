package io.pilotlaunch.api;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * What a failure means for the caller, read from its causes: the engine and Spring wrap the
 * database's answer in several layers, and each entry point (/api, /engine-rest, the login) must
 * answer the same way.
 */
public final class Failures {

  /** What every entry point answers while the database cannot be reached (503). */
  public static final String DATABASE_UNAVAILABLE =
      "The database cannot be reached; nothing was changed, try again shortly";

  /** Seconds a client should wait before sending again after a 503. */
  public static final String RETRY_AFTER_SECONDS = "5";

  private Failures() {}

  /**
   * Another transaction changed the same rows first: the engine's optimistic locking, or a
   * serialization failure or deadlock reported by the database. Running the work again may succeed.
   */
  public static boolean isConcurrentChange(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof OptimisticLockingException
          || cause instanceof ConcurrencyFailureException
          || (cause instanceof SQLException sql
              && ("40001".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState())))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The database cannot be reached or is shutting down: no connection within the pool's timeout, a
   * refused or broken connection (SQL state class 08), or PostgreSQL's shutdown states (57P0x).
   */
  public static boolean isDatabaseUnavailable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLTransientConnectionException
          || cause instanceof ConnectException
          || cause instanceof CannotCreateTransactionException
          || cause instanceof DataAccessResourceFailureException
          || (cause instanceof SQLException sql && unavailable(sql.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  private static boolean unavailable(String sqlState) {
    return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P0"));
  }
}
