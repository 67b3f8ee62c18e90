package io.pilotlaunch.readmodel;

import io.pilotlaunch.api.CallerRules;
import io.pilotlaunch.operations.PilotIssues;
import io.pilotlaunch.pilot.PilotHistory;
import io.pilotlaunch.pilot.PilotRuns.PilotRun;
import io.pilotlaunch.pilot.VisiblePilots;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Elements;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import io.pilotlaunch.process.Phase;
import io.pilotlaunch.readmodel.PilotView.ExitCriterion;
import io.pilotlaunch.readmodel.PilotView.OpenItem;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Component;

/**
 * A pilot as GET /api/pilots shows it, built from our tables, the engine's history and what runs
 * now: where it stands, what is open for whom, what its exits say, its open issues.
 */
@Component
public class PilotViews {

  private final VisiblePilots pilots;
  private final PilotHistory history;
  private final PilotIssues issues;
  private final CallerRules caller;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final RepositoryService repositoryService;
  private final Map<String, Map<String, String>> candidateGroupsByDefinition =
      new ConcurrentHashMap<>();

  public PilotViews(
      VisiblePilots pilots,
      PilotHistory history,
      PilotIssues issues,
      CallerRules caller,
      RuntimeService runtimeService,
      TaskService taskService,
      RepositoryService repositoryService) {
    this.pilots = pilots;
    this.history = history;
    this.issues = issues;
    this.caller = caller;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.repositoryService = repositoryService;
  }

  public List<PilotView> list() {
    return pilots.current().stream().map(this::view).toList();
  }

  public PilotView get(String tenantId) {
    return view(pilots.current(tenantId));
  }

  public PilotView view(PilotRun run) {
    return caller.asSystem(
        () -> {
          Map<String, Object> variables =
              history.variables(
                  run.processInstanceId(),
                  Variables.TENANT_NAME,
                  Variables.ENVIRONMENT,
                  Variables.REGION,
                  Variables.PILOT_START,
                  Variables.PILOT_END);
          Set<String> ended = history.endedActivityIds(run.processInstanceId());
          boolean active = run.isActive();
          Set<String> activeActivities =
              active
                  ? activeScopes(runtimeService.getActivityInstance(run.processInstanceId()))
                  : Set.of();
          return new PilotView(
              run.tenantId(),
              (String) variables.get(Variables.TENANT_NAME),
              (String) variables.get(Variables.ENVIRONMENT),
              (String) variables.get(Variables.REGION),
              (String) variables.get(Variables.PILOT_START),
              (String) variables.get(Variables.PILOT_END),
              run.processInstanceId(),
              run.status().name(),
              run.milestoneStatus().label(),
              currentPhase(activeActivities),
              run.startedBy(),
              run.startedAt(),
              run.endedAt(),
              active ? openItems(run.processInstanceId()) : List.of(),
              Arrays.stream(Phase.values())
                  .map(
                      phase ->
                          new ExitCriterion(
                              phase.title(),
                              phase.exitCriterion(),
                              ended.contains(phase.endEventId()) ? "met" : "open"))
                  .toList(),
              issues.openBySeverity(run.tenantId()));
        });
  }

  /** Every activity the instance is in, subprocesses included. */
  private static Set<String> activeScopes(ActivityInstance instance) {
    Set<String> ids = new HashSet<>();
    if (instance != null) {
      ids.add(instance.getActivityId());
      for (ActivityInstance child : instance.getChildActivityInstances()) {
        ids.addAll(activeScopes(child));
      }
    }
    return ids;
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
        .orElse(activeActivities.size() > 1 ? "Hand-off" : null);
  }

  /**
   * The open tasks with their team and checklist item, in three reads whatever their number: the
   * tasks, their checklistItemId variables, and the candidate groups from the (cached) model.
   */
  private List<OpenItem> openItems(String processInstanceId) {
    List<Task> tasks =
        taskService
            .createTaskQuery()
            .processInstanceId(processInstanceId)
            .orderByTaskCreateTime()
            .asc()
            .list();
    if (tasks.isEmpty()) {
      return List.of();
    }
    Map<String, Object> itemByExecution = new HashMap<>();
    runtimeService
        .createVariableInstanceQuery()
        .processInstanceIdIn(processInstanceId)
        .variableName(Variables.CHECKLIST_ITEM_ID)
        .list()
        .forEach(variable -> itemByExecution.put(variable.getExecutionId(), variable.getValue()));
    Map<String, String> teamByTask = new HashMap<>();
    tasks.stream()
        .map(Task::getProcessDefinitionId)
        .distinct()
        .forEach(definition -> teamByTask.putAll(candidateGroupsOf(definition)));
    return tasks.stream()
        .map(
            task -> {
              Object item = itemByExecution.get(task.getExecutionId());
              return new OpenItem(
                  task.getId(),
                  task.getName(),
                  item == null ? null : item.toString(),
                  teamByTask.get(task.getTaskDefinitionKey()),
                  task.getAssignee(),
                  task.getDueDate());
            })
        .toList();
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
