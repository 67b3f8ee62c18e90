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

  public record PilotRun(
      long id,
      String tenantId,
      String processInstanceId,
      RunStatus status,
      String startedBy,
      Instant startedAt,
      Instant endedAt,
      MilestoneStatus milestoneStatus) {

    public boolean isActive() {
      return status == RunStatus.ACTIVE;
    }
  }

  private static final String COLUMNS =
      "id, tenant_id, process_instance_id, status, started_by, started_at, ended_at, milestone_status";

  private final JdbcTemplate jdbc;

  public PilotRuns(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Fails with a DuplicateKeyException when the tenant has an active pilot. */
  public void insertActive(
      String tenantId, String processInstanceId, String startedBy, Instant now) {
    jdbc.update(
        "insert into pilot.pilot_run (tenant_id, process_instance_id, status, started_by, started_at, "
            + "active_tenant_id, milestone_status) values (?, ?, ?, ?, ?, ?, ?)",
        tenantId,
        processInstanceId,
        RunStatus.ACTIVE.name(),
        startedBy,
        Timestamp.from(now),
        tenantId,
        MilestoneStatus.IN_PROGRESS.label());
  }

  /** An aborted run's milestone is Aborted; a completed one keeps the status its process set. */
  public void end(String processInstanceId, RunStatus status, Instant now) {
    String aborted = status == RunStatus.ABORTED ? MilestoneStatus.ABORTED.label() : null;
    jdbc.update(
        "update pilot.pilot_run set status = ?, ended_at = ?, active_tenant_id = null, "
            + "milestone_status = coalesce(?, milestone_status) "
            + "where process_instance_id = ? and active_tenant_id is not null",
        status.name(),
        Timestamp.from(now),
        aborted,
        processInstanceId);
  }

  public void setMilestoneStatus(String processInstanceId, MilestoneStatus milestoneStatus) {
    jdbc.update(
        "update pilot.pilot_run set milestone_status = ? where process_instance_id = ?",
        milestoneStatus.label(),
        processInstanceId);
  }

  public Optional<PilotRun> findActive(String tenantId) {
    return jdbc
        .query(
            "select " + COLUMNS + " from pilot.pilot_run where active_tenant_id = ?",
            PilotRuns::map,
            tenantId)
        .stream()
        .findFirst();
  }

  public Optional<PilotRun> findByProcessInstance(String processInstanceId) {
    return jdbc
        .query(
            "select " + COLUMNS + " from pilot.pilot_run where process_instance_id = ?",
            PilotRuns::map,
            processInstanceId)
        .stream()
        .findFirst();
  }

  /** The tenant's active pilot, or else its latest one. */
  public Optional<PilotRun> findCurrent(String tenantId) {
    return jdbc
        .query(
            "select "
                + COLUMNS
                + " from pilot.pilot_run where tenant_id = ? "
                + "order by case when active_tenant_id is null then 1 else 0 end, started_at desc, id desc",
            PilotRuns::map,
            tenantId)
        .stream()
        .findFirst();
  }

  /** The current pilot of every tenant, newest first. */
  public List<PilotRun> currentOfEachTenant() {
    return jdbc.query(
        "select "
            + COLUMNS
            + " from pilot.pilot_run r where r.id = (select max(id) from pilot.pilot_run "
            + "where tenant_id = r.tenant_id) order by started_at desc",
        PilotRuns::map);
  }

  private static PilotRun map(ResultSet rs, int row) throws SQLException {
    Timestamp ended = rs.getTimestamp(7);
    return new PilotRun(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        RunStatus.valueOf(rs.getString(4)),
        rs.getString(5),
        rs.getTimestamp(6).toInstant(),
        ended == null ? null : ended.toInstant(),
        MilestoneStatus.ofLabel(rs.getString(8)));
  }
}
