package io.pilotlaunch.pilot;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.SUB_PROCESS_ABORT_PILOT;

import io.pilotlaunch.api.ApiException;
import io.pilotlaunch.api.CallerRules;
import io.pilotlaunch.api.Validation;
import io.pilotlaunch.onboarding.PilotEnvironments;
import io.pilotlaunch.onboarding.PilotEnvironments.PilotEnvironment;
import io.pilotlaunch.operations.PilotIssues;
import io.pilotlaunch.pilot.PilotRuns.PilotRun;
import io.pilotlaunch.pilot.PilotView.ExitCriterion;
import io.pilotlaunch.pilot.PilotView.OpenItem;
import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.process.Phase;
import java.util.Arrays;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Starts, shows and aborts pilots for the integration API. */
@Service
public class PilotService {

  private final PilotRuns runs;
  private final PilotIssues issues;
  private final PilotEnvironments environments;
  private final CallerRules caller;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final HistoryService historyService;

  public PilotService(PilotRuns runs, PilotIssues issues, PilotEnvironments environments, CallerRules caller,
      RuntimeService runtimeService, TaskService taskService, HistoryService historyService) {
    this.runs = runs;
    this.issues = issues;
    this.environments = environments;
    this.caller = caller;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.historyService = historyService;
  }

  /**
   * Starts MvpPilotLaunch with business key = tenant id. The check for an active pilot gives a
   * clear answer; the unique key on pilot_run.active_tenant_id, written by the process start
   * listener in the same transaction, decides races and starts from Tasklist alike.
   */
  @Transactional
  public PilotView start(StartPilotRequest request) {
    caller.requireOwner("start pilots");
    validate(request);
    runs.findActive(request.tenantId()).ifPresent(active -> {
      throw alreadyActive(active.tenantId(), active.processInstanceId());
    });
    Map<String, Object> variables = new HashMap<>();
    variables.put(Variables.TENANT_ID, request.tenantId());
    variables.put(Variables.TENANT_NAME, request.tenantName());
    variables.put(Variables.ENVIRONMENT, request.environment());
    variables.put(Variables.REGION, request.region());
    variables.put(Variables.PILOT_START, OffsetDateTime.parse(request.pilotStart()).toInstant().toString());
    variables.put(Variables.PILOT_END, OffsetDateTime.parse(request.pilotEnd()).toInstant().toString());
    variables.put(Variables.PILOT_INITIATOR, caller.userId());
    try {
      caller.asSystem(() -> runtimeService.startProcessInstanceByKey(MvpPilotLaunchProcess.PROCESS_ID,
          request.tenantId(), variables));
    } catch (RuntimeException e) {
      if (causedBy(e, DuplicateKeyException.class)) {
        throw alreadyActive(request.tenantId(), null);
      }
      throw e;
    }
    return view(runs.findActive(request.tenantId()).orElseThrow());
  }

  public List<PilotView> list() {
    return runs.currentOfEachTenant().stream().filter(run -> caller.maySee(run.tenantId())).map(this::view).toList();
  }

  public PilotView get(String tenantId) {
    return view(current(tenantId));
  }

  /** The tenant's current pilot, if the caller may see it; else 404, as if it did not exist. */
  public PilotRun current(String tenantId) {
    return runs.findCurrent(tenantId).filter(run -> caller.maySee(run.tenantId()))
        .orElseThrow(() -> ApiException.notFound("No pilot for tenant '" + tenantId + "'"));
  }

  public PilotRun active(String tenantId) {
    PilotRun run = current(tenantId);
    if (!run.isActive()) {
      throw ApiException.conflict("The pilot of tenant '" + tenantId + "' has ended (" + run.status() + ")");
    }
    return run;
  }

  @Transactional
  public PilotView abort(String tenantId, String reason) {
    caller.requireOwner("abort pilots");
    new Validation().text("reason", reason, 2000).orFail();
    PilotRun run = active(tenantId);
    caller.asSystem(() -> runtimeService.createMessageCorrelation(MvpPilotLaunchProcess.Messages.ABORT_PILOT)
        .processInstanceId(run.processInstanceId())
        .setVariable(Variables.ABORT_REASON, reason)
        .correlateWithResult());
    return view(runs.findCurrent(tenantId).orElseThrow());
  }

  private void validate(StartPilotRequest request) {
    Validation validation = new Validation()
        .pattern("tenantId", request.tenantId(), Validation.KEBAB, 2, 63,
            "lower-case letters and digits in words joined by single dashes")
        .text("tenantName", request.tenantName(), 200)
        .oneOf("environment", request.environment(), environments.names());
    PilotEnvironment environment = environments.find(request.environment()).orElse(null);
    if (environment != null) {
      validation.oneOf("region", request.region(), environment.regions());
    } else {
      validation.text("region", request.region(), 64);
    }
    OffsetDateTime start = validation.timestamp("pilotStart", request.pilotStart());
    OffsetDateTime end = validation.timestamp("pilotEnd", request.pilotEnd());
    if (start != null && end != null) {
      validation.check(end.isAfter(start), "pilotEnd", "must be after pilotStart");
    }
    validation.orFail();
  }

  private PilotView view(PilotRun run) {
    return caller.asSystem(() -> {
      Map<String, Object> variables = historyService.createHistoricVariableInstanceQuery()
          .processInstanceIdIn(run.processInstanceId())
          .variableNameIn(Variables.TENANT_NAME, Variables.ENVIRONMENT, Variables.REGION, Variables.PILOT_START,
              Variables.PILOT_END)
          .list().stream()
          .filter(variable -> variable.getValue() != null)
          .collect(Collectors.toMap(HistoricVariableInstance::getName, HistoricVariableInstance::getValue, (a, b) -> a));
      Set<String> ended = historyService.createHistoricActivityInstanceQuery()
          .processInstanceId(run.processInstanceId()).finished().list().stream()
          .map(HistoricActivityInstance::getActivityId).collect(Collectors.toSet());
      boolean active = run.isActive();
      Set<String> activeActivities = active ? activeScopes(runtimeService.getActivityInstance(run.processInstanceId()))
          : Set.of();
      return new PilotView(run.tenantId(), (String) variables.get(Variables.TENANT_NAME),
          (String) variables.get(Variables.ENVIRONMENT), (String) variables.get(Variables.REGION),
          (String) variables.get(Variables.PILOT_START), (String) variables.get(Variables.PILOT_END),
          run.processInstanceId(), run.status().name(), run.milestoneStatus().label(), currentPhase(activeActivities),
          run.startedBy(), run.startedAt(), run.endedAt(),
          active ? openItems(run.processInstanceId()) : List.of(),
          Arrays.stream(Phase.values()).map(phase -> new ExitCriterion(phase.title(), phase.exitCriterion(),
              ended.contains(phase.endEventId()) ? "met" : "open")).toList(),
          issues.openBySeverity(run.tenantId()));
    });
  }

  /** Every activity the instance is in, subprocesses included. */
  private static Set<String> activeScopes(ActivityInstance instance) {
    Set<String> ids = new java.util.HashSet<>();
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
    if (activeActivities.contains(SUB_PROCESS_ABORT_PILOT)) {
      return "Aborting";
    }
    return Arrays.stream(Phase.values()).filter(phase -> activeActivities.contains(phase.subProcessId())).map(Phase::title)
        .findFirst().orElse(activeActivities.size() > 1 ? "Hand-off" : null);
  }

  private List<OpenItem> openItems(String processInstanceId) {
    return taskService.createTaskQuery().processInstanceId(processInstanceId).orderByTaskCreateTime().asc().list().stream()
        .map(this::openItem).toList();
  }

  private OpenItem openItem(Task task) {
    String team = taskService.getIdentityLinksForTask(task.getId()).stream()
        .map(IdentityLink::getGroupId).filter(group -> group != null).findFirst().orElse(null);
    Object item = taskService.getVariable(task.getId(), "checklistItemId");
    return new OpenItem(task.getId(), task.getName(), item == null ? null : item.toString(), team, task.getAssignee(),
        task.getDueDate());
  }

  private static ApiException alreadyActive(String tenantId, String processInstanceId) {
    return ApiException.conflict("Tenant '" + tenantId + "' already has an active pilot"
        + (processInstanceId == null ? "" : " (process instance " + processInstanceId + ")"));
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }
}
