package io.pilotlaunch.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionSystemException;

/** The failures seen when the connection broke in the middle of a request (ResilienceIT). */
class FailuresTest {

  private static final SQLException BROKEN_PIPE =
      new SQLException("An I/O error occurred while sending to the backend.", "08006");

  @Test
  void aBrokenConnectionDeepInTheEngineIsTheDatabaseBeingUnavailable() {
    assertThat(
            Failures.isDatabaseUnavailable(
                new ProcessEngineException("persistence", new RuntimeException(BROKEN_PIPE))))
        .isTrue();
  }

  @Test
  void aRollbackThatFailedOnTheClosedConnectionIsTheDatabaseBeingUnavailable() {
    TransactionSystemException rollbackFailed =
        new TransactionSystemException(
            "JDBC rollback failed", new SQLException("Connection is closed"));
    assertThat(Failures.isDatabaseUnavailable(rollbackFailed)).isTrue();
  }

  @Test
  void theWorksOwnFailureKeptAsideByAFailedRollbackCounts() {
    TransactionSystemException rollbackFailed =
        new TransactionSystemException("JDBC rollback failed", new IllegalStateException("?"));
    rollbackFailed.initApplicationException(new OptimisticLockingException("changed"));
    assertThat(Failures.isConcurrentChange(rollbackFailed)).isTrue();
    assertThat(Failures.isDatabaseUnavailable(rollbackFailed)).isFalse();
  }

  @Test
  void otherFailuresAreNeither() {
    RuntimeException bug = new IllegalStateException("a bug", new SQLException("syntax", "42601"));
    assertThat(Failures.isDatabaseUnavailable(bug)).isFalse();
    assertThat(Failures.isConcurrentChange(bug)).isFalse();
  }

  @Test
  void aSecondGrantForTheSameUserIsAUniqueKeyViolation() {
    java.sql.BatchUpdateException batch =
        new java.sql.BatchUpdateException("Batch entry 0 was aborted", "23505", new int[0]);
    assertThat(
            Failures.isUniqueKeyViolation(
                new ProcessEngineException("ENGINE-03083", new RuntimeException(batch))))
        .isTrue();
    assertThat(Failures.isUniqueKeyViolation(BROKEN_PIPE)).isFalse();
    assertThat(Failures.isConcurrentChange(batch)).isFalse();
  }
}
