package io.pilotlaunch.overview;

import io.pilotlaunch.operations.PilotIssues;
import io.pilotlaunch.overview.PilotView.ExitCriterion;
import io.pilotlaunch.overview.PilotView.OpenItem;
import io.pilotlaunch.pilot.PilotRuns;
import io.pilotlaunch.pilot.PilotRuns.Cursor;
import io.pilotlaunch.pilot.PilotRuns.PilotRun;
import io.pilotlaunch.pilot.PilotRuns.StartValues;
import io.pilotlaunch.pilot.VisiblePilots;
import io.pilotlaunch.process.MilestoneDocument;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Elements;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import io.pilotlaunch.process.Phase;
import io.pilotlaunch.teams.Team;
import io.pilotlaunch.web.CallerRules;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A pilot as GET /api/pilots shows it, built from our tables, the engine's history and what runs
 * now: where it stands, what is open for whom, what its exits say, its open issues.
 */
@Component
public class PilotViews {

  private static final String[] SHOWN_VARIABLES = {
    Variables.TENANT_NAME,
    Variables.ENVIRONMENT,
    Variables.REGION,
    Variables.PILOT_START,
    Variables.PILOT_END
  };

  private final VisiblePilots pilots;
  private final PilotRuns runs;
  private final NamedParameterJdbcTemplate jdbc;
  private final PilotIssues issues;
  private final CallerRules caller;
  private final RepositoryService repositoryService;
  private final Map<String, Map<String, TaskFacts>> taskFactsByDefinition =
      new ConcurrentHashMap<>();

  public PilotViews(
      VisiblePilots pilots,
      PilotRuns runs,
      JdbcTemplate jdbc,
      PilotIssues issues,
      CallerRules caller,
      RepositoryService repositoryService) {
    this.pilots = pilots;
    this.runs = runs;
    this.jdbc = new NamedParameterJdbcTemplate(jdbc);
    this.issues = issues;
    this.caller = caller;
    this.repositoryService = repositoryService;
  }

  /** A page of pilots as the caller may see them, and the cursor of the next page if any. */
  public record PilotPage(List<PilotRun> runs, List<PilotView> views, Optional<Cursor> next) {}

  /**
   * One page of the current pilot of each tenant the caller may see, newest first: filtered and
   * paged in SQL, then built in a fixed number of reads for the page plus a few per active pilot.
   */
  public PilotPage page(PilotListRequest request) {
    // our own table, in SQL: no engine call, so no need to act as the system
    PilotRuns.Page page =
        runs.page(
            new PilotRuns.Listing(
                request.status().map(s -> s == PilotListRequest.Status.ACTIVE).orElse(null),
                request.phase().map(Phase::subProcessId).orElse(null),
                request.team().map(Team::groupId).orElse(null),
                pilots.tenantsSeenIfLimited(),
                request.after(),
                request.limit()));
    return new PilotPage(page.runs(), views(page.runs()), page.next());
  }

  public PilotView get(String tenantId) {
    return view(pilots.current(tenantId));
  }

  public PilotView view(PilotRun run) {
    return views(List.of(run)).get(0);
  }

  /**
   * The views of these runs, in their order: their start values, the phase end events they reached,
   * the activities and open tasks of the active ones, and their open issues by severity, one read
   * each whatever the number of runs.
   */
  public List<PilotView> views(List<PilotRun> page) {
    if (page.isEmpty()) {
      return List.of();
    }
    return caller.asSystem(
        () -> {
          List<String> processInstanceIds = page.stream().map(PilotRun::processInstanceId).toList();
          Map<String, Map<String, Object>> variables = startValuesOf(page);
          List<PilotRun> activeRuns = page.stream().filter(PilotRun::isActive).toList();
          List<String> active = activeRuns.stream().map(PilotRun::processInstanceId).toList();
          Map<String, Set<String>> reachedEnds = new HashMap<>();
          Map<String, Set<String>> current = new HashMap<>();
          readActivities(processInstanceIds, active, reachedEnds, current);
          Map<String, List<OpenItem>> openItems = openItems(active);
          // only an active pilot has open issues by severity: no read for the rest
          Map<Long, Map<String, Long>> openIssues =
              issues.openBySeverity(activeRuns.stream().map(PilotRun::id).toList());
          return page.stream()
              .map(
                  run -> {
                    String pid = run.processInstanceId();
                    Map<String, Object> values = variables.getOrDefault(pid, Map.of());
                    Set<String> ended = reachedEnds.getOrDefault(pid, Set.of());
                    Set<String> activeActivities = current.getOrDefault(pid, Set.of());
                    return new PilotView(
                        run.tenantId(),
                        (String) values.get(Variables.TENANT_NAME),
                        (String) values.get(Variables.ENVIRONMENT),
                        (String) values.get(Variables.REGION),
                        (String) values.get(Variables.PILOT_START),
                        (String) values.get(Variables.PILOT_END),
                        pid,
                        run.status().name(),
                        run.milestoneStatus().label(),
                        currentPhase(activeActivities),
                        run.startedBy(),
                        run.startedAt(),
                        run.endedAt(),
                        openItems.getOrDefault(pid, List.of()),
                        Arrays.stream(Phase.values())
                            .map(
                                phase ->
                                    new ExitCriterion(
                                        phase.title(),
                                        phase.exitCriterion(),
                                        ended.contains(phase.endEventId()) ? "met" : "open"))
                            .toList(),
                        openIssues.getOrDefault(run.id(), Map.of()));
                  })
              .toList();
        });
  }

  /**
   * The start values of each run by process instance id, as its run keeps them (one read of our own
   * rows); a run started before they were kept has them read from the history of the pilot's own
   * scope. A name without a value is missing.
   */
  private Map<String, Map<String, Object>> startValuesOf(List<PilotRun> page) {
    Map<Long, StartValues> kept = runs.startValues(page.stream().map(PilotRun::id).toList());
    Map<String, Map<String, Object>> values = new HashMap<>();
    List<String> older = new ArrayList<>();
    for (PilotRun run : page) {
      StartValues start = kept.get(run.id());
      if (start == null) {
        older.add(run.processInstanceId());
        continue;
      }
      Map<String, Object> shown = new HashMap<>();
      shown.put(Variables.TENANT_NAME, start.tenantName());
      shown.put(Variables.ENVIRONMENT, start.environment());
      shown.put(Variables.REGION, start.region());
      shown.put(Variables.PILOT_START, start.pilotStart());
      shown.put(Variables.PILOT_END, start.pilotEnd());
      values.put(run.processInstanceId(), shown);
    }
    if (!older.isEmpty()) {
      jdbc.query(
          "select PROC_INST_ID_, NAME_, TEXT_ from ACT_HI_VARINST where PROC_INST_ID_ in"
              + " (:instances) and EXECUTION_ID_ = PROC_INST_ID_ and NAME_ in (:names)"
              + " and VAR_TYPE_ = 'string' and TEXT_ is not null"
              + " and (STATE_ is null or STATE_ <> 'DELETED')",
          Map.of("instances", older, "names", List.of(SHOWN_VARIABLES)),
          rs -> {
            values
                .computeIfAbsent(rs.getString(1), id -> new HashMap<>())
                .put(rs.getString(2), rs.getString(3));
          });
    }
    return values;
  }

  /**
   * The phase end events each run reached, and the activities each active run is in now,
   * subprocesses included: two reads, each led by the process instance (its index), whatever the
   * number of pilots ever run. The engine's history query takes one instance at a time and would
   * load every finished activity of each.
   */
  private void readActivities(
      List<String> processInstanceIds,
      List<String> active,
      Map<String, Set<String>> reachedEnds,
      Map<String, Set<String>> current) {
    jdbc.query(
        "select PROC_INST_ID_, ACT_ID_ from ACT_HI_ACTINST where PROC_INST_ID_ in (:instances)"
            + " and ACT_ID_ in (:ends) and END_TIME_ is not null",
        Map.of(
            "instances",
            processInstanceIds,
            "ends",
            Arrays.stream(Phase.values()).map(Phase::endEventId).toList()),
        rs -> {
          reachedEnds.computeIfAbsent(rs.getString(1), id -> new HashSet<>()).add(rs.getString(2));
        });
    if (active.isEmpty()) {
      return;
    }
    jdbc.query(
        "select PROC_INST_ID_, ACT_ID_ from ACT_HI_ACTINST where PROC_INST_ID_ in (:active)"
            + " and END_TIME_ is null",
        Map.of("active", active),
        rs -> {
          current.computeIfAbsent(rs.getString(1), id -> new HashSet<>()).add(rs.getString(2));
        });
  }

  private String currentPhase(Set<String> activeActivities) {
    // An abort in progress is what matters most.
    if (activeActivities.contains(Elements.SUB_PROCESS_ABORT_PILOT)) {
      return "Aborting";
    }
    return Arrays.stream(Phase.values())
        .filter(phase -> activeActivities.contains(phase.subProcessId()))
        .map(Phase::title)
        .findFirst()
        .orElse(activeActivities.isEmpty() ? null : "Hand-off");
  }

  /**
   * The open tasks of these runs with their team and checklist item, in one read whatever their
   * number: team and item are the model's (cached per definition), as the task was created from it.
   */
  private Map<String, List<OpenItem>> openItems(List<String> processInstanceIds) {
    Map<String, List<OpenItem>> items = new HashMap<>();
    if (processInstanceIds.isEmpty()) {
      return items;
    }
    jdbc.query(
        "select ID_, NAME_, PROC_INST_ID_, PROC_DEF_ID_, TASK_DEF_KEY_, ASSIGNEE_, DUE_DATE_"
            + " from ACT_RU_TASK where PROC_INST_ID_ in (:instances) order by CREATE_TIME_, ID_",
        Map.of("instances", processInstanceIds),
        rs -> {
          TaskFacts facts =
              taskFactsOf(rs.getString(4)).getOrDefault(rs.getString(5), TaskFacts.NONE);
          Timestamp due = rs.getTimestamp(7);
          items
              .computeIfAbsent(rs.getString(3), id -> new ArrayList<>())
              .add(
                  new OpenItem(
                      rs.getString(1),
                      rs.getString(2),
                      facts.checklistItem(),
                      facts.team(),
                      rs.getString(6),
                      due == null ? null : new Date(due.getTime())));
        });
    return items;
  }

  /** What the model says of a user task: the team it is for, the checklist item it ticks. */
  private record TaskFacts(String team, String checklistItem) {
    static final TaskFacts NONE = new TaskFacts(null, null);
  }

  /**
   * The facts of a definition's user tasks by task id. Walking a model's DOM for its user tasks
   * took a tenth of a pilot start's CPU; a deployed definition never changes, so it is walked once.
   */
  private Map<String, TaskFacts> taskFactsOf(String processDefinitionId) {
    return taskFactsByDefinition.computeIfAbsent(
        processDefinitionId,
        definition -> {
          Map<String, TaskFacts> facts = new HashMap<>();
          repositoryService
              .getBpmnModelInstance(definition)
              .getModelElementsByType(UserTask.class)
              .forEach(
                  task ->
                      facts.put(
                          task.getId(),
                          new TaskFacts(
                              task.getCamundaCandidateGroups(),
                              MilestoneDocument.checklistItem(task))));
          return Collections.unmodifiableMap(facts);
        });
  }
}
