package io.pilotlaunch.operations;

import java.sql.Timestamp;
import java.time.Instant;
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
}
