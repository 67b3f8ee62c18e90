package io.pilotlaunch.resilience;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * What a failure means for the caller, read from its causes: the engine and Spring wrap the
 * database's answer in several layers, and each entry point (/api, /engine-rest, the login) must
 * answer the same way.
 */
public final class Failures {

  private Failures() {}

  /**
   * Another transaction changed the same rows first: the engine's optimistic locking, or a
   * serialization failure or deadlock reported by the database. Running the work again may succeed.
   */
  public static boolean isConcurrentChange(Throwable failure) {
    for (Throwable cause : causesOf(failure)) {
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
   * The database refused a row because one with the same unique key was just written (SQL state
   * 23505, PostgreSQL and H2 alike): two claims of one task by one user at the same instant both
   * add that user's grant on the task. A batch keeps the row's own failure as its next exception.
   */
  public static boolean isUniqueKeyViolation(Throwable failure) {
    for (Throwable cause : causesOf(failure)) {
      for (SQLException sql = cause instanceof SQLException first ? first : null;
          sql != null;
          sql = sql.getNextException()) {
        if ("23505".equals(sql.getSQLState())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Why the database could not serve the work, if that is why it failed; empty for every other
   * failure. A busy pool is told apart from an unreachable database by what Hikari gives as the
   * cause of its timeout: the last failed attempt to connect when connections cannot be made, none
   * when they all are merely in use.
   */
  public static Optional<DatabaseTrouble> databaseTrouble(Throwable failure) {
    List<Throwable> causes = causesOf(failure);
    if (causes.stream().anyMatch(Failures::isPoolTimeoutWithoutConnectFailure)) {
      return Optional.of(DatabaseTrouble.BUSY);
    }
    if (causes.stream().anyMatch(Failures::meansUnreachable)) {
      return Optional.of(DatabaseTrouble.UNREACHABLE);
    }
    return Optional.empty();
  }

  /** Hikari's "Connection is not available, request timed out" while connections can be made. */
  private static boolean isPoolTimeoutWithoutConnectFailure(Throwable cause) {
    return cause instanceof SQLTransientConnectionException && cause.getCause() == null;
  }

  /**
   * No connection within the pool's timeout while connecting fails, a refused or broken connection
   * (SQL state class 08), PostgreSQL's shutdown states (57P0x), or a transaction that could not
   * even be ended because its connection is gone.
   */
  private static boolean meansUnreachable(Throwable cause) {
    return (cause instanceof TransactionSystemException ended
            && ended.getCause() instanceof SQLException)
        || cause instanceof SQLTransientConnectionException
        || cause instanceof ConnectException
        || cause instanceof CannotCreateTransactionException
        || cause instanceof DataAccessResourceFailureException
        || (cause instanceof SQLException sql && unavailable(sql.getSQLState()));
  }

  /**
   * The failure and its causes. When the connection breaks mid-transaction, Spring throws the
   * failed rollback and keeps the work's own failure aside as the application exception; both
   * count.
   */
  private static List<Throwable> causesOf(Throwable failure) {
    List<Throwable> causes = new ArrayList<>();
    Deque<Throwable> pending = new ArrayDeque<>(List.of(failure));
    while (!pending.isEmpty() && causes.size() < 100) {
      Throwable next = pending.pop();
      for (Throwable cause = next;
          cause != null && !causes.contains(cause);
          cause = cause.getCause()) {
        causes.add(cause);
        if (cause instanceof TransactionSystemException ended
            && ended.getApplicationException() != null) {
          pending.push(ended.getApplicationException());
        }
      }
    }
    return causes;
  }

  private static boolean unavailable(String sqlState) {
    return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P0"));
  }
}
