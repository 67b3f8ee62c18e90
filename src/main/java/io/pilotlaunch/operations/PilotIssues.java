package io.pilotlaunch.operations;

import io.pilotlaunch.milestones.MilestoneDefinition.BranchPlan;
import io.pilotlaunch.milestones.MilestoneDefinitions;
import io.pilotlaunch.sql.InList;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The pilot issues of our table: what integrations report, and what the process records (first
 * response, SLA breach, closing). The model reads them through {@link PilotIssueFigures}.
 */
@Repository("pilotIssueTable") // "pilotIssues" is what the model calls PilotIssueFigures
public class PilotIssues {

  private static final String COLUMNS =
      "external_id, severity, component, topic, summary, reported_at, "
          + "response_due_at, resolution_due_at, first_response_at, sla_breached_at, resolution, resolution_comment, resolved_at";

  /** Issues of the tenant's active pilot. */
  private static final String OF_ACTIVE_PILOT =
      "tenant_id = ? and pilot_run_id = "
          + "(select id from pilot.pilot_run where active_tenant_id = ?)";

  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;
  private final Clock clock;
  private final Severities severities;

  /** Where an issue's fix goes: the branch pattern of the pilots' milestone. */
  private final BranchPlan fixBranches;

  public PilotIssues(
      JdbcTemplate jdbc, Clock clock, Severities severities, MilestoneDefinitions milestones) {
    this.jdbc = jdbc;
    this.named = new NamedParameterJdbcTemplate(jdbc);
    this.clock = clock;
    this.severities = severities;
    this.fixBranches = FixBranch.planOf(milestones.ofPilots());
  }

  /**
   * Fails with a DuplicateKeyException when the tenant already has an issue of that external id.
   */
  void insert(
      String tenantId,
      long pilotRunId,
      ReportIssueRequest request,
      String topicSlug,
      Instant reportedAt,
      Severities.Sla sla) {
    Instant now = clock.instant();
    jdbc.update(
        "insert into pilot.pilot_issue (tenant_id, pilot_run_id, external_id, severity, component, topic, "
            + "summary, reported_at, received_at, response_due_at, resolution_due_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        tenantId,
        pilotRunId,
        request.externalId(),
        request.severity(),
        request.component(),
        topicSlug,
        request.summary(),
        Timestamp.from(reportedAt),
        Timestamp.from(now),
        Timestamp.from(reportedAt.plus(sla.firstResponse())),
        Timestamp.from(reportedAt.plus(sla.resolution())));
  }

  public Optional<IssueView> find(String tenantId, String externalId) {
    return jdbc
        .query(
            "select " + COLUMNS + " from pilot.pilot_issue where tenant_id = ? and external_id = ?",
            this::map,
            tenantId,
            externalId)
        .stream()
        .findFirst();
  }

  public List<IssueView> of(String tenantId) {
    return jdbc.query(
        "select "
            + COLUMNS
            + " from pilot.pilot_issue where tenant_id = ? order by reported_at, id",
        this::map,
        tenantId);
  }

  public List<IssueView> ofRun(long pilotRunId) {
    return ofRuns(List.of(pilotRunId)).getOrDefault(pilotRunId, List.of());
  }

  /** The issues of each of these runs by run id, oldest first, in one read. */
  public Map<Long, List<IssueView>> ofRuns(Collection<Long> pilotRunIds) {
    Map<Long, List<IssueView>> byRun = new HashMap<>();
    if (pilotRunIds.isEmpty()) {
      return byRun;
    }
    named.query(
        "select "
            + COLUMNS
            + ", pilot_run_id from pilot.pilot_issue where pilot_run_id in (:runs)"
            + " order by reported_at, id",
        Map.of("runs", pilotRunIds),
        rs -> {
          byRun.computeIfAbsent(rs.getLong(14), id -> new ArrayList<>()).add(map(rs, 0));
        });
    return byRun;
  }

  /**
   * The triage is the first response; it may also correct severity and topic, which then decide the
   * open critical count and the fix branch.
   */
  public void recordTriage(String tenantId, String externalId, String severity, String topic) {
    jdbc.update(
        "update pilot.pilot_issue set first_response_at = coalesce(first_response_at, ?), "
            + "severity = coalesce(?, severity), topic = coalesce(?, topic) where tenant_id = ? and external_id = ?",
        Timestamp.from(clock.instant()),
        severity,
        topic,
        tenantId,
        externalId);
  }

  public void recordSlaBreach(String tenantId, String externalId) {
    jdbc.update(
        "update pilot.pilot_issue set sla_breached_at = ? where tenant_id = ? and external_id = ? "
            + "and sla_breached_at is null",
        Timestamp.from(clock.instant()),
        tenantId,
        externalId);
  }

  /**
   * @return false when the issue was resolved before (its first resolution stands)
   */
  public boolean resolve(
      String tenantId, String externalId, String resolution, String comment, Instant resolvedAt) {
    return jdbc.update(
            "update pilot.pilot_issue set resolution = ?, resolution_comment = ?, resolved_at = ? "
                + "where tenant_id = ? and external_id = ? and resolved_at is null",
            resolution,
            comment,
            Timestamp.from(resolvedAt),
            tenantId,
            externalId)
        == 1;
  }

  /** The unresolved critical (or worse) issues of the tenant's active pilot. */
  public long openCriticalCount(String tenantId) {
    return jdbc.queryForObject(
        "select count(*) from pilot.pilot_issue where "
            + OF_ACTIVE_PILOT
            + " and severity in ("
            + InList.placeholders(severities.criticalOrWorse().size())
            + ") and resolved_at is null",
        Long.class,
        ofActivePilotAndCriticalOrWorse(tenantId));
  }

  /**
   * The unresolved critical (or worse) issues of the tenant's active pilot: "externalId: summary",
   * oldest first.
   */
  public List<String> openCritical(String tenantId) {
    return jdbc.query(
        "select external_id, summary from pilot.pilot_issue where "
            + OF_ACTIVE_PILOT
            + " and severity in ("
            + InList.placeholders(severities.criticalOrWorse().size())
            + ") and resolved_at is null order by reported_at",
        (rs, row) -> rs.getString(1) + ": " + rs.getString(2),
        ofActivePilotAndCriticalOrWorse(tenantId));
  }

  private Object[] ofActivePilotAndCriticalOrWorse(String tenantId) {
    List<Object> parameters = new ArrayList<>(List.of(tenantId, tenantId));
    parameters.addAll(severities.criticalOrWorse());
    return parameters.toArray();
  }

  /** The open issues of each of these runs by severity, by run id, in one read. */
  public Map<Long, Map<String, Long>> openBySeverity(Collection<Long> pilotRunIds) {
    Map<Long, Map<String, Long>> byRun = new HashMap<>();
    if (pilotRunIds.isEmpty()) {
      return byRun;
    }
    named.query(
        "select pilot_run_id, severity, count(*) from pilot.pilot_issue"
            + " where pilot_run_id in (:runs) and resolved_at is null group by pilot_run_id, severity",
        Map.of("runs", pilotRunIds),
        rs -> {
          byRun
              .computeIfAbsent(rs.getLong(1), id -> new TreeMap<>())
              .put(rs.getString(2), rs.getLong(3));
        });
    return byRun;
  }

  /**
   * What "Support response SLAs met" shows: issues, SLA met, SLA breached, median time to first
   * response.
   */
  public SlaFigures slaFigures(String tenantId) {
    List<IssueView> issues =
        jdbc.query(
            "select " + COLUMNS + " from pilot.pilot_issue where " + OF_ACTIVE_PILOT,
            this::map,
            tenantId,
            tenantId);
    Instant now = clock.instant();
    int met = 0;
    int breached = 0;
    List<Duration> responseTimes = new ArrayList<>();
    for (IssueView issue : issues) {
      boolean late =
          issue.slaBreachedAt() != null
              || (issue.firstResponseAt() != null
                  ? issue.firstResponseAt().isAfter(issue.responseDueAt())
                  : now.isAfter(issue.responseDueAt()));
      if (late) {
        breached++;
      } else if (issue.firstResponseAt() != null) {
        met++;
      }
      if (issue.firstResponseAt() != null) {
        responseTimes.add(Duration.between(issue.reportedAt(), issue.firstResponseAt()));
      }
    }
    Collections.sort(responseTimes);
    Duration median = responseTimes.isEmpty() ? null : median(responseTimes);
    return new SlaFigures(issues.size(), met, breached, issues.size() - met - breached, median);
  }

  public record SlaFigures(
      int issues, int slaMet, int slaBreached, int pending, Duration medianTimeToFirstResponse) {}

  private static Duration median(List<Duration> sorted) {
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
  }

  private IssueView map(ResultSet rs, int row) throws SQLException {
    return new IssueView(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        fixBranches.branchFor(rs.getString(4)),
        rs.getString(5),
        instant(rs, 6),
        instant(rs, 7),
        instant(rs, 8),
        instant(rs, 9),
        instant(rs, 10),
        rs.getString(11),
        rs.getString(12),
        instant(rs, 13));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp timestamp = rs.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }
}
