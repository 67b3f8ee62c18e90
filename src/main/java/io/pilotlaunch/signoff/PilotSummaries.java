package io.pilotlaunch.signoff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlaunch.operations.FeedbackRecords;
import io.pilotlaunch.operations.IssueView;
import io.pilotlaunch.operations.PilotIssues;
import io.pilotlaunch.operations.Severities;
import io.pilotlaunch.pilot.PilotHistory;
import io.pilotlaunch.pilot.PilotRuns.PilotRun;
import io.pilotlaunch.pilot.PilotWindow;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import io.pilotlaunch.process.Phase;
import io.pilotlaunch.signoff.PilotSummary.Defects;
import io.pilotlaunch.signoff.PilotSummary.FixLeadTime;
import io.pilotlaunch.signoff.PilotSummary.PhaseDuration;
import io.pilotlaunch.signoff.PilotSummary.RejectedReview;
import io.pilotlaunch.signoff.PilotSummary.Results;
import io.pilotlaunch.signoff.PilotSummary.Risks;
import io.pilotlaunch.signoff.PilotSummary.SlaBreach;
import io.pilotlaunch.web.HumanTime;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Compiles the pilot summary from the pilot's own records (engine history and our tables), stores
 * it, and keeps what product management confirmed.
 */
@Service
public class PilotSummaries {

  /**
   * A stored summary: the compiled one and, once confirmed, the text product management confirmed.
   */
  public record Stored(
      PilotSummary compiled,
      String compiledMarkdown,
      String confirmedText,
      String confirmedBy,
      java.time.Instant confirmedAt) {}

  private final HistoryService historyService;
  private final PilotHistory history;
  private final PilotIssues issues;
  private final FeedbackRecords feedback;
  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final Clock clock;
  private final PilotWindow window;
  private final HumanTime humanTime;
  private final Severities severities;

  public PilotSummaries(
      HistoryService historyService,
      PilotHistory history,
      PilotIssues issues,
      FeedbackRecords feedback,
      JdbcTemplate jdbc,
      ObjectMapper json,
      Clock clock,
      PilotWindow window,
      HumanTime humanTime,
      Severities severities) {
    this.historyService = historyService;
    this.history = history;
    this.issues = issues;
    this.feedback = feedback;
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
    this.window = window;
    this.humanTime = humanTime;
    this.severities = severities;
  }

  /** The compiled summary as the Markdown draft product management edits. */
  public String markdown(PilotSummary summary) {
    return SummaryMarkdown.render(summary, window, humanTime);
  }

  public PilotSummary compile(PilotRun run) {
    String pid = run.processInstanceId();
    Map<String, Object> variables =
        history.variables(
            pid,
            Variables.TENANT_NAME,
            Variables.PILOT_START,
            Variables.PILOT_END,
            Variables.PILOT_ENHANCEMENT_CANDIDATES);
    List<HistoricActivityInstance> activities = history.activities(pid);
    List<PhaseDuration> phases = new ArrayList<>();
    for (Phase phase : Phase.values()) {
      activities.stream()
          .filter(a -> a.getActivityId().equals(phase.subProcessId()))
          .reduce((first, last) -> last)
          .ifPresent(
              a ->
                  phases.add(
                      new PhaseDuration(
                          phase.title(),
                          a.getStartTime().toInstant(),
                          a.getEndTime() == null ? null : a.getEndTime().toInstant(),
                          a.getEndTime() == null
                              ? null
                              : Duration.ofMillis(a.getDurationInMillis()).toString())));
    }
    // null while Phase 1 runs: Optional.map, as a stream's findFirst cannot hold a null
    String onboarding =
        phases.stream()
            .filter(p -> p.phase().equals(Phase.ONBOARDING.title()))
            .findFirst()
            .map(PhaseDuration::duration)
            .orElse(null);

    List<IssueView> reported = issues.ofRun(run.id());
    Map<String, Long> bySeverity =
        reported.stream()
            .collect(
                Collectors.groupingBy(IssueView::severity, TreeMap::new, Collectors.counting()));
    List<FixLeadTime> leadTimes =
        reported.stream()
            .filter(issue -> issue.resolvedAt() != null)
            .map(
                issue ->
                    new FixLeadTime(
                        issue.externalId(),
                        issue.severity(),
                        issue.summary(),
                        issue.resolution(),
                        Duration.between(issue.reportedAt(), issue.resolvedAt()).toString()))
            .toList();
    int resolved = leadTimes.size();
    Defects defects =
        new Defects(reported.size(), bySeverity, resolved, reported.size() - resolved, leadTimes);

    List<String> openNonCritical =
        reported.stream()
            .filter(
                issue ->
                    issue.resolvedAt() == null && !severities.isCriticalOrWorse(issue.severity()))
            .map(issue -> issue.externalId() + " (" + issue.severity() + "): " + issue.summary())
            .toList();
    List<SlaBreach> breaches =
        reported.stream()
            .filter(issue -> issue.slaBreachedAt() != null)
            .map(
                issue ->
                    new SlaBreach(
                        issue.externalId(),
                        issue.severity(),
                        issue.summary(),
                        issue.responseDueAt(),
                        issue.slaBreachedAt()))
            .toList();
    Risks risks = new Risks(openNonCritical, breaches, rejectedReviews(pid));

    List<String> recommendations =
        Arrays.stream(
                String.valueOf(variables.getOrDefault(Variables.PILOT_ENHANCEMENT_CANDIDATES, ""))
                    .split("\\R"))
            .map(String::trim)
            .filter(line -> !line.isEmpty())
            .distinct()
            .toList();

    return new PilotSummary(
        run.tenantId(),
        (String) variables.get(Variables.TENANT_NAME),
        pid,
        clock.instant(),
        new Results(
            (String) variables.get(Variables.PILOT_START),
            (String) variables.get(Variables.PILOT_END),
            onboarding,
            phases),
        defects,
        risks,
        feedback.ofRun(run),
        recommendations);
  }

  /**
   * Every review or sign-off answered "reject", with its reason: the forms write {@code decision}
   * and {@code rejectionReason} into their task's own scope, so history keeps one of each per task.
   */
  private List<RejectedReview> rejectedReviews(String processInstanceId) {
    List<HistoricVariableInstance> answers =
        historyService
            .createHistoricVariableInstanceQuery()
            .processInstanceIdIn(processInstanceId)
            .variableNameIn("decision", "rejectionReason")
            .list();
    Map<String, String> reasons = new TreeMap<>();
    answers.stream()
        .filter(a -> "rejectionReason".equals(a.getName()) && a.getValue() != null)
        .forEach(a -> reasons.put(a.getActivityInstanceId(), a.getValue().toString()));
    List<RejectedReview> rejected = new ArrayList<>();
    answers.stream()
        .filter(a -> "decision".equals(a.getName()) && "reject".equals(a.getValue()))
        .sorted(Comparator.comparing(HistoricVariableInstance::getCreateTime))
        .forEach(
            answer -> {
              HistoricActivityInstance task =
                  historyService
                      .createHistoricActivityInstanceQuery()
                      .activityInstanceId(answer.getActivityInstanceId())
                      .singleResult();
              rejected.add(
                  new RejectedReview(
                      task == null ? answer.getActivityInstanceId() : task.getActivityName(),
                      reasons.get(answer.getActivityInstanceId()),
                      answer.getCreateTime().toInstant()));
            });
    return rejected;
  }

  /**
   * Stores the compiled summary of the run, replacing an earlier compilation (a redo recompiles).
   */
  public String store(PilotRun run, PilotSummary summary) {
    String markdown = markdown(summary);
    String compiled = toJson(summary);
    Timestamp now = Timestamp.from(clock.instant());
    int updated =
        jdbc.update(
            "update pilot.pilot_summary set compiled_at = ?, compiled_json = ?, compiled_markdown = ?, "
                + "confirmed_text = null, confirmed_by = null, confirmed_at = null where pilot_run_id = ?",
            now,
            compiled,
            markdown,
            run.id());
    if (updated == 0) {
      jdbc.update(
          "insert into pilot.pilot_summary (pilot_run_id, compiled_at, compiled_json, compiled_markdown) "
              + "values (?, ?, ?, ?)",
          run.id(),
          now,
          compiled,
          markdown);
    }
    return markdown;
  }

  public void confirm(PilotRun run, String text, String userId) {
    jdbc.update(
        "update pilot.pilot_summary set confirmed_text = ?, confirmed_by = ?, confirmed_at = ? "
            + "where pilot_run_id = ?",
        text,
        userId,
        Timestamp.from(clock.instant()),
        run.id());
  }

  public Optional<Stored> find(PilotRun run) {
    return jdbc
        .query(
            "select compiled_json, compiled_markdown, confirmed_text, confirmed_by, confirmed_at "
                + "from pilot.pilot_summary where pilot_run_id = ?",
            (rs, row) ->
                new Stored(
                    fromJson(rs.getString(1)),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()),
            run.id())
        .stream()
        .findFirst();
  }

  private String toJson(PilotSummary summary) {
    try {
      return json.writeValueAsString(summary);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A pilot summary is plain data and always serializes", e);
    }
  }

  private PilotSummary fromJson(String text) {
    try {
      return json.readValue(text, PilotSummary.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored pilot summary is not readable", e);
    }
  }
}
