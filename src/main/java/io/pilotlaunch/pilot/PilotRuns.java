package io.pilotlaunch.pilot;

import io.pilotlaunch.sql.InList;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
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
  private final NamedParameterJdbcTemplate named;

  public PilotRuns(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.named = new NamedParameterJdbcTemplate(jdbc);
  }

  /**
   * What a pilot was started with and its overviews show: the tenant's name, where it runs, its
   * window (the instants the start made of the dates).
   */
  public record StartValues(
      String tenantName, String environment, String region, String pilotStart, String pilotEnd) {}

  /** Fails with a DuplicateKeyException when the tenant has an active pilot. */
  public void insertActive(
      String tenantId,
      String repository,
      String processInstanceId,
      String startedBy,
      Instant now,
      StartValues values) {
    jdbc.update(
        "insert into pilot.pilot_run (tenant_id, process_instance_id, status, started_by, started_at,"
            + " active_tenant_id, milestone_status, repository, tenant_name, environment, region,"
            + " pilot_start, pilot_end) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        tenantId,
        processInstanceId,
        RunStatus.ACTIVE.name(),
        startedBy,
        Timestamp.from(now),
        tenantId,
        MilestoneStatus.IN_PROGRESS.label(),
        repository,
        values.tenantName(),
        values.environment(),
        values.region(),
        values.pilotStart(),
        values.pilotEnd());
  }

  /**
   * The start values of these runs by run id, in one read; none for a run started before they were
   * kept.
   */
  public Map<Long, StartValues> startValues(List<Long> runIds) {
    Map<Long, StartValues> values = new HashMap<>();
    if (runIds.isEmpty()) {
      return values;
    }
    named.query(
        "select id, tenant_name, environment, region, pilot_start, pilot_end from pilot.pilot_run"
            + " where id in (:ids) and tenant_name is not null",
        Map.of("ids", runIds),
        rs -> {
          values.put(
              rs.getLong(1),
              new StartValues(
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6)));
        });
    return values;
  }

  /**
   * Those of these process instances whose pilot is active and names this repository (normalized,
   * {@link StartPilotRequest#normalizedRepository}); with {@code orWithout}, also those that name
   * none.
   */
  public List<String> activeAmong(
      Collection<String> processInstanceIds, String repository, boolean orWithout) {
    if (processInstanceIds.isEmpty()) {
      return List.of();
    }
    return named.queryForList(
        "select process_instance_id from pilot.pilot_run where active_tenant_id is not null"
            + " and process_instance_id in (:ids) and (repository = :repository"
            + (orWithout ? " or repository is null)" : ")")
            + " order by id",
        Map.of("ids", processInstanceIds, "repository", repository),
        String.class);
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

  /**
   * Where a page of {@link #page} ends: the last run's start and id, in the newest-first order.
   * Given out opaque (base64url), so clients do not build one.
   */
  public record Cursor(Instant startedAt, long id) {

    public String encoded() {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString((startedAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Fails with IllegalArgumentException for anything {@link #encoded} did not give out. */
    public static Cursor decode(String encoded) {
      try {
        String[] parts =
            new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split("\\|");
        if (parts.length != 2) {
          throw new IllegalArgumentException("not a cursor");
        }
        return new Cursor(Instant.parse(parts[0]), Long.parseLong(parts[1]));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("not a cursor", e);
      }
    }
  }

  /**
   * Which current pilots a page lists. {@code active} null for both; {@code activeSubProcessId} a
   * phase's subprocess the pilot is in now; {@code candidateGroup} a team with an open task in it;
   * {@code tenants} empty for every tenant, else only these.
   */
  public record Listing(
      Boolean active,
      String activeSubProcessId,
      String candidateGroup,
      Optional<List<String>> tenants,
      Cursor after,
      int limit) {}

  public record Page(List<PilotRun> runs, Optional<Cursor> next) {}

  /**
   * One page of the current pilot of each tenant (its latest run), newest first, filtered and paged
   * in SQL: the cost of a page does not grow with the number of pilots ever run. Phase and team are
   * answered from the engine's tables (unfinished subprocess in ACT_HI_ACTINST, candidate group of
   * an open task in ACT_RU_TASK/ACT_RU_IDENTITYLINK).
   */
  public Page page(Listing listing) {
    StringBuilder sql =
        new StringBuilder("select ")
            .append(COLUMNS.replaceAll("(^|, )", "$1r."))
            .append(
                " from pilot.pilot_run r where not exists (select 1 from pilot.pilot_run newer"
                    + " where newer.tenant_id = r.tenant_id and newer.id > r.id)"
                    // a pilot whose history the engine removed is gone, before PilotRunCleanup
                    // removes its row
                    + " and exists (select 1 from ACT_HI_PROCINST p where p.ID_ ="
                    + " r.process_instance_id)");
    List<Object> args = new ArrayList<>();
    // Only a running pilot has active_tenant_id, and only it can be in a phase or have an open
    // task: filtering on it lets the database start from the running few (its unique index)
    // instead of walking every pilot ever run and probing each.
    if (Boolean.TRUE.equals(listing.active())
        || listing.activeSubProcessId() != null
        || listing.candidateGroup() != null) {
      sql.append(" and r.active_tenant_id is not null");
    }
    if (Boolean.FALSE.equals(listing.active())) {
      sql.append(" and r.active_tenant_id is null");
    }
    if (listing.tenants().isPresent()) {
      List<String> tenants = listing.tenants().get();
      if (tenants.isEmpty()) {
        return new Page(List.of(), Optional.empty());
      }
      sql.append(" and r.tenant_id in (").append(InList.placeholders(tenants.size())).append(")");
      args.addAll(tenants);
    }
    if (listing.activeSubProcessId() != null) {
      sql.append(
          " and exists (select 1 from ACT_HI_ACTINST a where a.PROC_INST_ID_ = r.process_instance_id"
              + " and a.ACT_ID_ = ? and a.END_TIME_ is null)");
      args.add(listing.activeSubProcessId());
    }
    if (listing.candidateGroup() != null) {
      sql.append(
          " and exists (select 1 from ACT_RU_TASK t join ACT_RU_IDENTITYLINK l on l.TASK_ID_ = t.ID_"
              + " where t.PROC_INST_ID_ = r.process_instance_id and l.TYPE_ = 'candidate'"
              + " and l.GROUP_ID_ = ?)");
      args.add(listing.candidateGroup());
    }
    if (listing.after() != null) {
      Timestamp startedAt = Timestamp.from(listing.after().startedAt());
      sql.append(" and (r.started_at < ? or (r.started_at = ? and r.id < ?))");
      args.addAll(List.of(startedAt, startedAt, listing.after().id()));
    }
    // one more than asked for: whether there is a next page
    sql.append(" order by r.started_at desc, r.id desc limit ?");
    args.add(listing.limit() + 1);
    List<PilotRun> runs = jdbc.query(sql.toString(), PilotRuns::map, args.toArray());
    if (runs.size() <= listing.limit()) {
      return new Page(runs, Optional.empty());
    }
    PilotRun last = runs.get(listing.limit() - 1);
    return new Page(
        runs.subList(0, listing.limit()), Optional.of(new Cursor(last.startedAt(), last.id())));
  }

  /** What was kept of a finished run's progress (ticked, boxes), by run id. */
  public Map<Long, int[]> keptProgress(List<Long> runIds) {
    Map<Long, int[]> kept = new HashMap<>();
    if (runIds.isEmpty()) {
      return kept;
    }
    jdbc.query(
        "select id, progress_ticked, progress_boxes from pilot.pilot_run where progress_boxes is not null"
            + " and id in ("
            + InList.placeholders(runIds.size())
            + ")",
        rs -> {
          kept.put(rs.getLong(1), new int[] {rs.getInt(2), rs.getInt(3)});
        },
        runIds.toArray());
    return kept;
  }

  /** Keeps a finished run's progress: its history does not change any more. */
  public void keepProgress(long runId, int ticked, int boxes) {
    jdbc.update(
        "update pilot.pilot_run set progress_ticked = ?, progress_boxes = ? where id = ?"
            + " and active_tenant_id is null",
        ticked,
        boxes,
        runId);
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
