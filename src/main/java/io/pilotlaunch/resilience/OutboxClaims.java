package io.pilotlaunch.resilience;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How an outbox table's rows are taken by one node's worker for a while (a lease), so that several
 * nodes deliver each row once. The table has {@code id}, {@code status}, {@code next_attempt_at},
 * {@code claimed_by} and {@code claimed_until}. The inner select locks the rows it picks and skips
 * rows another claim holds, so claimers never wait for each other: waiting, two updates that locked
 * rows in different orders deadlocked. The outer condition checks the lease again on the locked
 * row, so no row is taken twice.
 */
public final class OutboxClaims {

  private static final String DUE =
      "status = 'PENDING' and next_attempt_at <= ? and (claimed_until is null or claimed_until < ?)";

  private OutboxClaims() {}

  /**
   * Takes up to {@code limit} due rows of the table for this claimer until {@code now + lease};
   * returns how many. Run it in the transaction that then reads the claimer's rows.
   *
   * @param table a table name of our own schema, never input
   */
  public static int claim(
      JdbcTemplate jdbc, String table, String claimer, Instant now, Duration lease, int limit) {
    Timestamp at = Timestamp.from(now);
    return jdbc.update(
        "update "
            + table
            + " set claimed_by = ?, claimed_until = ? where "
            + DUE
            + " and id in (select id from "
            + table
            + " where "
            + DUE
            + " order by id limit ? for update skip locked)",
        claimer,
        Timestamp.from(now.plus(lease)),
        at,
        at,
        at,
        at,
        limit);
  }

  /**
   * Records a failed attempt of the claimer's row: due again at {@code retryAt}, or FAILED after
   * the last one, with its reason.
   */
  public static void failed(
      JdbcTemplate jdbc,
      String table,
      long id,
      String claimer,
      String error,
      boolean last,
      Instant retryAt) {
    jdbc.update(
        "update "
            + table
            + " set attempts = attempts + 1, status = ?, last_error = ?, next_attempt_at = ?,"
            + " claimed_by = null, claimed_until = null where id = ? and claimed_by = ?",
        last ? "FAILED" : "PENDING",
        fitting(error, 1000),
        Timestamp.from(retryAt),
        id,
        claimer);
  }

  /** The text as a column of that length holds it: cut, with an ellipsis, where it is longer. */
  public static String fitting(String text, int length) {
    return text == null || text.length() <= length ? text : text.substring(0, length - 1) + "…";
  }
}
