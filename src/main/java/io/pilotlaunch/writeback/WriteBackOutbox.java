package io.pilotlaunch.writeback;

import io.pilotlaunch.resilience.OutboxClaims;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * pilot.write_back (V11): the completed runs whose document goes back to the team's repository,
 * written with the completion, written back after it committed (ADR 0023).
 */
@Repository
public class WriteBackOutbox {

  /** A run to write back, as the worker and the tests read it. */
  public record Entry(
      long id,
      String milestone,
      String processInstanceId,
      String tenantId,
      String status,
      int attempts,
      Instant nextAttemptAt,
      String lastError,
      String commitId,
      String pullRequest,
      Instant doneAt) {}

  static final String PENDING = "PENDING";
  static final String DONE = "DONE";
  static final String FAILED = "FAILED";

  private static final String COLUMNS =
      "id, milestone, process_instance_id, tenant_id, status, attempts, next_attempt_at,"
          + " last_error, commit_id, pull_request, done_at";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;

  WriteBackOutbox(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
  }

  /**
   * Adds the run in the current transaction (the engine's, when its process ends): the row exists
   * exactly when the completion commits. A run already added is not added again.
   */
  void add(String milestone, String processInstanceId, String tenantId) {
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.update(
        "insert into pilot.write_back (milestone, process_instance_id, tenant_id, status, attempts,"
            + " created_at, next_attempt_at) select ?, ?, cast(? as varchar(64)), ?, 0, ?, ?"
            + " where not exists (select 1 from pilot.write_back where milestone = ?"
            + " and process_instance_id = ?)",
        milestone,
        processInstanceId,
        tenantId,
        PENDING,
        now,
        now,
        milestone,
        processInstanceId);
  }

  /** Takes up to {@code limit} due runs for this claimer for a lease ({@link OutboxClaims}). */
  List<Entry> claim(String claimer, Duration lease, int limit) {
    return transactions.execute(
        status -> {
          int claimed =
              OutboxClaims.claim(jdbc, "pilot.write_back", claimer, clock.instant(), lease, limit);
          if (claimed == 0) {
            return List.of();
          }
          return jdbc.query(
              "select "
                  + COLUMNS
                  + " from pilot.write_back where claimed_by = ? and status = 'PENDING' order by id",
              WriteBackOutbox::entry,
              claimer);
        });
  }

  void done(Entry entry, String claimer, String commitId, String pullRequest) {
    jdbc.update(
        "update pilot.write_back set status = 'DONE', attempts = attempts + 1, last_error = null,"
            + " commit_id = ?, pull_request = ?, done_at = ?, claimed_until = null"
            + " where id = ? and claimed_by = ?",
        commitId,
        OutboxClaims.fitting(pullRequest, 500),
        Timestamp.from(clock.instant()),
        entry.id(),
        claimer);
  }

  /** Records a failed attempt: tried again at {@code retryAt}, or FAILED after the last one. */
  void failed(Entry entry, String claimer, String error, boolean last, Instant retryAt) {
    OutboxClaims.failed(jdbc, "pilot.write_back", entry.id(), claimer, error, last, retryAt);
  }

  public Optional<Entry> of(String milestone, String processInstanceId) {
    return jdbc
        .query(
            "select "
                + COLUMNS
                + " from pilot.write_back where milestone = ? and process_instance_id = ?",
            WriteBackOutbox::entry,
            milestone,
            processInstanceId)
        .stream()
        .findFirst();
  }

  long count(String status) {
    Long count =
        jdbc.queryForObject(
            "select count(*) from pilot.write_back where status = ?", Long.class, status);
    return count == null ? 0 : count;
  }

  private static Entry entry(ResultSet rs, int row) throws SQLException {
    return new Entry(
        rs.getLong("id"),
        rs.getString("milestone"),
        rs.getString("process_instance_id"),
        rs.getString("tenant_id"),
        rs.getString("status"),
        rs.getInt("attempts"),
        instant(rs.getTimestamp("next_attempt_at")),
        rs.getString("last_error"),
        rs.getString("commit_id"),
        rs.getString("pull_request"),
        instant(rs.getTimestamp("done_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
