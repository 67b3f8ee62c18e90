package io.pilotlaunch.overview;

import io.pilotlaunch.operations.PilotIssues;
import io.pilotlaunch.overview.PilotView.ExitCriterion;
import io.pilotlaunch.overview.PilotView.OpenItem;
import io.pilotlaunch.pilot.PilotRuns;
import io.pilotlaunch.pilot.PilotRuns.Cursor;
import io.pilotlaunch.pilot.PilotRuns.PilotRun;
import io.pilotlaunch.pilot.VisiblePilots;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Elements;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import io.pilotlaunch.process.Phase;
import io.pilotlaunch.teams.Team;
import io.pilotlaunch.web.CallerRules;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
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
  private final HistoryService historyService;
  private final NamedParameterJdbcTemplate jdbc;
  private final PilotIssues issues;
  private final CallerRules caller;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final RepositoryService repositoryService;
  private final Map<String, Map<String, String>> candidateGroupsByDefinition =
      new ConcurrentHashMap<>();

  public PilotViews(
      VisiblePilots pilots,
      PilotRuns runs,
      HistoryService historyService,
      JdbcTemplate jdbc,
      PilotIssues issues,
      CallerRules caller,
      RuntimeService runtimeService,
      TaskService taskService,
      RepositoryService repositoryService) {
    this.pilots = pilots;
    this.runs = runs;
    this.historyService = historyService;
    this.jdbc = new NamedParameterJdbcTemplate(jdbc);
    this.issues = issues;
    this.caller = caller;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
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
   * The views of these runs, in their order. The variables of all runs and the phase end events
   * they reached are one read each; the open items of the active ones one read of tasks and one of
   * their checklist ids; per active run its activity tree; per active run its open issues by
   * severity.
   */
  public List<PilotView> views(List<PilotRun> page) {
    if (page.isEmpty()) {
      return List.of();
    }
    return caller.asSystem(
        () -> {
          List<String> processInstanceIds = page.stream().map(PilotRun::processInstanceId).toList();
          Map<String, Map<String, Object>> variables = variablesOf(processInstanceIds);
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

  /** The first value of each shown variable per run; a name without a value is missing. */
  private Map<String, Map<String, Object>> variablesOf(List<String> processInstanceIds) {
    Map<String, Map<String, Object>> values = new HashMap<>();
    historyService
        .createHistoricVariableInstanceQuery()
        .processInstanceIdIn(processInstanceIds.toArray(String[]::new))
        .variableNameIn(SHOWN_VARIABLES)
        .list()
        .stream()
        .filter(variable -> variable.getValue() != null)
        .forEach(
            variable ->
                values
                    .computeIfAbsent(variable.getProcessInstanceId(), id -> new HashMap<>())
                    .putIfAbsent(variable.getName(), variable.getValue()));
    return values;
  }

  /**
   * In one read: the phase end events each run reached, and the activities each active run is in
   * now, subprocesses included. The engine's history query takes one instance at a time and would
   * load every finished activity of each; its activity tree is built per instance from all its
   * executions.
   */
  private void readActivities(
      List<String> processInstanceIds,
      List<String> active,
      Map<String, Set<String>> reachedEnds,
      Map<String, Set<String>> current) {
    jdbc.query(
        "select PROC_INST_ID_, ACT_ID_, END_TIME_ from ACT_HI_ACTINST"
            + " where PROC_INST_ID_ in (:instances)"
            + " and (ACT_ID_ in (:ends) and END_TIME_ is not null"
            + " or PROC_INST_ID_ in (:active) and END_TIME_ is null)",
        Map.of(
            "instances",
            processInstanceIds,
            "ends",
            Arrays.stream(Phase.values()).map(Phase::endEventId).toList(),
            // an empty "in ()" is not SQL: no process instance has an empty id
            "active",
            active.isEmpty() ? List.of("") : active),
        rs -> {
          (rs.getTimestamp(3) == null ? current : reachedEnds)
              .computeIfAbsent(rs.getString(1), id -> new HashSet<>())
              .add(rs.getString(2));
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
   * The open tasks of these runs with their team and checklist item, in three reads whatever their
   * number: the tasks, their checklistItemId variables, and the candidate groups from the (cached)
   * model.
   */
  private Map<String, List<OpenItem>> openItems(List<String> processInstanceIds) {
    if (processInstanceIds.isEmpty()) {
      return Map.of();
    }
    List<Task> tasks =
        taskService
            .createTaskQuery()
            .processInstanceIdIn(processInstanceIds.toArray(String[]::new))
            .orderByTaskCreateTime()
            .asc()
            .list();
    if (tasks.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> itemByExecution = new HashMap<>();
    runtimeService
        .createVariableInstanceQuery()
        .processInstanceIdIn(processInstanceIds.toArray(String[]::new))
        .variableName(Variables.CHECKLIST_ITEM_ID)
        .list()
        .forEach(variable -> itemByExecution.put(variable.getExecutionId(), variable.getValue()));
    Map<String, Map<String, String>> teamByTaskOfDefinition = new HashMap<>();
    tasks.stream()
        .map(Task::getProcessDefinitionId)
        .distinct()
        .forEach(
            definition -> teamByTaskOfDefinition.put(definition, candidateGroupsOf(definition)));
    return tasks.stream()
        .collect(
            Collectors.groupingBy(
                Task::getProcessInstanceId,
                Collectors.mapping(
                    task -> {
                      Object item = itemByExecution.get(task.getExecutionId());
                      return new OpenItem(
                          task.getId(),
                          task.getName(),
                          item == null ? null : item.toString(),
                          teamByTaskOfDefinition
                              .get(task.getProcessDefinitionId())
                              .get(task.getTaskDefinitionKey()),
                          task.getAssignee(),
                          task.getDueDate());
                    },
                    Collectors.toList())));
  }

  /**
   * Candidate groups by task id. Walking a model's DOM for its user tasks took a tenth of a pilot
   * start's CPU; a deployed definition never changes, so it is walked once.
   */
  private Map<String, String> candidateGroupsOf(String processDefinitionId) {
    return candidateGroupsByDefinition.computeIfAbsent(
        processDefinitionId,
        definition -> {
          Map<String, String> groups = new HashMap<>();
          repositoryService
              .getBpmnModelInstance(definition)
              .getModelElementsByType(UserTask.class)
              .forEach(task -> groups.put(task.getId(), task.getCamundaCandidateGroups()));
          return Collections.unmodifiableMap(groups);
        });
  }
}
