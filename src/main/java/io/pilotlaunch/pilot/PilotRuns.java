package io.pilotlaunch.pilot;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The pilot runs: which tenant, which process instance, active or how it ended. */
@Repository
public class PilotRuns {

  public static final String ACTIVE = "ACTIVE";
  public static final String COMPLETED = "COMPLETED";
  public static final String ABORTED = "ABORTED";

  /** The milestone document's statuses. */
  public static final String NOT_STARTED = "Not Started";
  public static final String IN_PROGRESS = "In Progress";
  public static final String MILESTONE_COMPLETED = "Completed";
  public static final String MILESTONE_ABORTED = "Aborted";
  public static final java.util.List<String> MILESTONE_STATUSES =
      java.util.List.of(NOT_STARTED, IN_PROGRESS, MILESTONE_COMPLETED, MILESTONE_ABORTED);

  public record PilotRun(long id, String tenantId, String processInstanceId, String status, String startedBy,
      Instant startedAt, Instant endedAt, String milestoneStatus) {}

  private static final String COLUMNS =
      "id, tenant_id, process_instance_id, status, started_by, started_at, ended_at, milestone_status";

  private final JdbcTemplate jdbc;

  public PilotRuns(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Fails with a DuplicateKeyException when the tenant has an active pilot. */
  public void insertActive(String tenantId, String processInstanceId, String startedBy, Instant now) {
    jdbc.update("insert into pilot.pilot_run (tenant_id, process_instance_id, status, started_by, started_at, "
        + "active_tenant_id, milestone_status) values (?, ?, ?, ?, ?, ?, ?)", tenantId, processInstanceId, ACTIVE,
        startedBy, Timestamp.from(now), tenantId, IN_PROGRESS);
  }

  /** An aborted run's milestone is Aborted; a completed one keeps the status its process set. */
  public void end(String processInstanceId, String status, Instant now) {
    jdbc.update("update pilot.pilot_run set status = ?, ended_at = ?, active_tenant_id = null, "
            + "milestone_status = case when ? = 'ABORTED' then 'Aborted' else milestone_status end "
            + "where process_instance_id = ? and active_tenant_id is not null",
        status, Timestamp.from(now), status, processInstanceId);
  }

  public void setMilestoneStatus(String processInstanceId, String milestoneStatus) {
    if (!MILESTONE_STATUSES.contains(milestoneStatus)) {
      throw new IllegalArgumentException("Unknown milestone status '" + milestoneStatus + "'; known: " + MILESTONE_STATUSES);
    }
    jdbc.update("update pilot.pilot_run set milestone_status = ? where process_instance_id = ?", milestoneStatus,
        processInstanceId);
  }

  public Optional<PilotRun> findActive(String tenantId) {
    return jdbc.query("select " + COLUMNS + " from pilot.pilot_run where active_tenant_id = ?", PilotRuns::map, tenantId)
        .stream().findFirst();
  }

  public Optional<PilotRun> findByProcessInstance(String processInstanceId) {
    return jdbc.query("select " + COLUMNS + " from pilot.pilot_run where process_instance_id = ?", PilotRuns::map,
        processInstanceId).stream().findFirst();
  }

  /** The tenant's active pilot, or else its latest one. */
  public Optional<PilotRun> findCurrent(String tenantId) {
    return jdbc.query("select " + COLUMNS + " from pilot.pilot_run where tenant_id = ? "
        + "order by case when active_tenant_id is null then 1 else 0 end, started_at desc, id desc", PilotRuns::map, tenantId)
        .stream().findFirst();
  }

  /** The current pilot of every tenant, newest first. */
  public List<PilotRun> currentOfEachTenant() {
    return jdbc.query("select " + COLUMNS + " from pilot.pilot_run r where r.id = (select max(id) from pilot.pilot_run "
        + "where tenant_id = r.tenant_id) order by started_at desc", PilotRuns::map);
  }

  private static PilotRun map(ResultSet rs, int row) throws SQLException {
    Timestamp ended = rs.getTimestamp(7);
    return new PilotRun(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getTimestamp(6).toInstant(), ended == null ? null : ended.toInstant(), rs.getString(8));
  }
}
