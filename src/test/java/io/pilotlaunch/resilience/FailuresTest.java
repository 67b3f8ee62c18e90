package io.pilotlaunch.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The failures seen when the connection broke in the middle of a request (ResilienceIT), and a real
 * Hikari pool's timeouts, busy and unreachable, as Spring's transaction manager wraps them.
 */
class FailuresTest {

  private static final SQLException BROKEN_PIPE =
      new SQLException("An I/O error occurred while sending to the backend.", "08006");

  @Test
  void aBrokenConnectionDeepInTheEngineIsTheDatabaseBeingUnavailable() {
    assertThat(
            Failures.databaseTrouble(
                new ProcessEngineException("persistence", new RuntimeException(BROKEN_PIPE))))
        .contains(DatabaseTrouble.UNREACHABLE);
  }

  @Test
  void aRollbackThatFailedOnTheClosedConnectionIsTheDatabaseBeingUnavailable() {
    TransactionSystemException rollbackFailed =
        new TransactionSystemException(
            "JDBC rollback failed", new SQLException("Connection is closed"));
    assertThat(Failures.databaseTrouble(rollbackFailed)).contains(DatabaseTrouble.UNREACHABLE);
  }

  @Test
  void theWorksOwnFailureKeptAsideByAFailedRollbackCounts() {
    TransactionSystemException rollbackFailed =
        new TransactionSystemException("JDBC rollback failed", new IllegalStateException("?"));
    rollbackFailed.initApplicationException(new OptimisticLockingException("changed"));
    assertThat(Failures.isConcurrentChange(rollbackFailed)).isTrue();
    assertThat(Failures.databaseTrouble(rollbackFailed)).isEmpty();
  }

  @Test
  void otherFailuresAreNeither() {
    RuntimeException bug = new IllegalStateException("a bug", new SQLException("syntax", "42601"));
    assertThat(Failures.databaseTrouble(bug)).isEmpty();
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

  @Test
  void aPoolWhoseConnectionsAreAllInUseIsBusyNotUnreachable() throws Exception {
    try (HikariDataSource pool = pool("jdbc:h2:mem:failures-busy");
        Connection held = pool.getConnection()) {
      pool.setConnectionTimeout(250); // the first connection is open: the second need not wait
      SQLException timeout = catchThrowableOfType(SQLException.class, pool::getConnection);

      assertThat(Failures.databaseTrouble(asSpringWrapsIt(timeout))).contains(DatabaseTrouble.BUSY);
    }
  }

  @Test
  void aPoolThatCannotConnectIsTheDatabaseBeingUnreachable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (HikariDataSource pool = pool("jdbc:postgresql://localhost:" + closedPort + "/none")) {
      SQLException timeout = catchThrowableOfType(SQLException.class, pool::getConnection);

      assertThat(Failures.databaseTrouble(asSpringWrapsIt(timeout)))
          .contains(DatabaseTrouble.UNREACHABLE);
    }
  }

  /**
   * One connection, given within 2 s or not at all (time enough for the first connection to open,
   * or to fail); started even if it cannot connect.
   */
  private static HikariDataSource pool(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(1);
    config.setConnectionTimeout(2_000);
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }

  private static RuntimeException asSpringWrapsIt(SQLException timeout) {
    return new CannotCreateTransactionException(
        "Could not open JDBC Connection for transaction", timeout);
  }
}
