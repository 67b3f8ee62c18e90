package io.pilotlaunch.onboarding;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** What was done to which tenant, when, by which process instance. Rows are never deleted. */
@Repository
public class OnboardingAudit {

  public record Entry(
      String tenantId,
      String action,
      String detail,
      String processInstanceId,
      Instant performedAt) {}

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public OnboardingAudit(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public void record(String tenantId, String action, String detail, String processInstanceId) {
    jdbc.update(
        "insert into pilot.onboarding_audit (tenant_id, action, detail, process_instance_id, performed_at) "
            + "values (?, ?, ?, ?, ?)",
        tenantId,
        action,
        detail,
        processInstanceId,
        Timestamp.from(clock.instant()));
  }

  public List<Entry> of(String tenantId) {
    return jdbc.query(
        "select tenant_id, action, detail, process_instance_id, performed_at "
            + "from pilot.onboarding_audit where tenant_id = ? order by id",
        (rs, row) ->
            new Entry(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getTimestamp(5).toInstant()),
        tenantId);
  }
}
