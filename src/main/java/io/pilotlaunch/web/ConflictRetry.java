package io.pilotlaunch.web;

import io.pilotlaunch.resilience.Failures;
import io.pilotlaunch.resilience.Retries;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a write again when another request changed the same pilot at the same moment: two issue
 * reports both add an execution to the pilot's Phase 2 scope, and the engine's optimistic locking
 * lets only one commit. The loser's transaction rolled back whole (our rows included), so running
 * it again is safe. Bounded; after the last attempt the caller gets 409 and may send again.
 */
public final class ConflictRetry {

  static final int ATTEMPTS = 6;

  private ConflictRetry() {}

  /** Runs {@code work}, a transaction of its own (a {@code @Transactional} call), until it wins. */
  public static <T> T onConflict(String what, Supplier<T> work) {
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      // inside a transaction a retry would run on rows the failed attempt left marked for rollback
      throw new IllegalStateException("ConflictRetry must run outside of a transaction: " + what);
    }
    try {
      return Retries.whileRacing(ATTEMPTS, 20, Failures::isConcurrentChange, work);
    } catch (RuntimeException e) {
      if (!Failures.isConcurrentChange(e)) {
        throw e;
      }
      throw ApiException.conflict(
          what
              + " met a concurrent change of the same pilot "
              + ATTEMPTS
              + " times in a row; nothing was changed, send it again");
    }
  }
}
