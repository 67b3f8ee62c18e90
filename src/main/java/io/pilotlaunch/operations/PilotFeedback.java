package io.pilotlaunch.operations;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The pilot feedback of our table, one row per external id and tenant. */
@Repository
public class PilotFeedback {

  private final JdbcTemplate jdbc;

  public PilotFeedback(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Fails with a DuplicateKeyException when the tenant already has feedback of that external id.
   */
  void insert(
      String tenantId,
      long pilotRunId,
      IssueReporting.FeedbackRequest request,
      Instant receivedAt) {
    jdbc.update(
        "insert into pilot.pilot_feedback (tenant_id, pilot_run_id, external_id, feedback_text, source, "
            + "received_at) values (?, ?, ?, ?, ?, ?)",
        tenantId,
        pilotRunId,
        request.externalId(),
        request.text(),
        request.source(),
        Timestamp.from(receivedAt));
  }

  /** What the feedback of a run said, in the order it arrived (not yet categorized). */
  List<FeedbackItem> ofRun(String tenantId, long pilotRunId) {
    return jdbc.query(
        "select external_id, feedback_text, source, received_at from pilot.pilot_feedback "
            + "where tenant_id = ? and pilot_run_id = ? order by received_at, id",
        (rs, row) ->
            new FeedbackItem(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getTimestamp(4).toInstant(),
                null,
                List.of(),
                null,
                null,
                null),
        tenantId,
        pilotRunId);
  }
}
