package io.pilotlaunch.pilot;

import static org.camunda.bpm.engine.variable.Variables.stringValue;

import io.pilotlaunch.pilot.PilotRuns.PilotRun;
import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import io.pilotlaunch.roadmap.DependencyGate;
import io.pilotlaunch.roadmap.DependencyGate.DependencyNotCompleted;
import io.pilotlaunch.roadmap.Roadmap;
import io.pilotlaunch.web.ApiException;
import io.pilotlaunch.web.CallerRules;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts and aborts pilots for the integration API, by the caller's rules. Requests arrive
 * validated ({@link StartPilotRequest}).
 */
@Service
public class PilotLaunches {

  private final PilotRuns runs;
  private final VisiblePilots pilots;
  private final CallerRules caller;
  private final RuntimeService runtimeService;
  private final PilotWindow window;
  private final Roadmap roadmap;

  public PilotLaunches(
      PilotRuns runs,
      VisiblePilots pilots,
      CallerRules caller,
      RuntimeService runtimeService,
      PilotWindow window,
      Roadmap roadmap) {
    this.runs = runs;
    this.pilots = pilots;
    this.caller = caller;
    this.runtimeService = runtimeService;
    this.window = window;
    this.roadmap = roadmap;
  }

  /**
   * Starts MvpPilotLaunch with business key = tenant id. The check for an active pilot gives a
   * clear answer; the unique key on pilot_run.active_tenant_id, written by the process start
   * listener in the same transaction, decides races and starts from Tasklist alike. The listener
   * also judges the milestone's dependencies ({@link DependencyGate}): a refusal is a 409.
   */
  @Transactional
  public PilotRun start(StartPilotRequest request) {
    caller.requireOwner("start pilots");
    if (request.dependencyOverride() != null) {
      roadmap.requireOwnerOf(
          MvpPilotLaunchProcess.MILESTONE_ID,
          "start a pilot while a dependency of the milestone is not Completed");
    }
    runs.findActive(request.tenantId())
        .ifPresent(
            active -> {
              throw alreadyActive(active.tenantId(), active.processInstanceId());
            });
    Map<String, Object> variables = new HashMap<>();
    variables.put(Variables.TENANT_ID, request.tenantId());
    variables.put(Variables.TENANT_NAME, request.tenantName());
    variables.put(Variables.ENVIRONMENT, request.environment());
    variables.put(Variables.REGION, request.region());
    variables.put(
        Variables.PILOT_START, window.start(request.pilotStart()).orElseThrow().toString());
    variables.put(Variables.PILOT_END, window.end(request.pilotEnd()).orElseThrow().toString());
    variables.put(Variables.PILOT_INITIATOR, caller.userId());
    if (request.repository() != null) {
      variables.put(Variables.REPOSITORY, request.repository());
    }
    if (request.dependencyOverride() != null) {
      variables.put(
          DependencyGate.OVERRIDE_REASON,
          stringValue(request.dependencyOverride().reason(), /* transient */ true));
    }
    try {
      caller.asSystem(
          () ->
              runtimeService.startProcessInstanceByKey(
                  MvpPilotLaunchProcess.PROCESS_ID, request.tenantId(), variables));
    } catch (RuntimeException e) {
      if (causedBy(e, DuplicateKeyException.class)) {
        throw alreadyActive(request.tenantId(), null);
      }
      DependencyNotCompleted refused = cause(e, DependencyNotCompleted.class);
      if (refused != null) {
        throw ApiException.conflict(refused.getMessage());
      }
      throw e;
    }
    return runs.findActive(request.tenantId()).orElseThrow();
  }

  @Transactional
  public PilotRun abort(String tenantId, String reason) {
    caller.requireOwner("abort pilots");
    PilotRun run = pilots.active(tenantId);
    caller.asSystem(
        () ->
            runtimeService
                .createMessageCorrelation(MvpPilotLaunchProcess.Messages.ABORT_PILOT)
                .processInstanceId(run.processInstanceId())
                .setVariable(Variables.ABORT_REASON, reason)
                .correlateWithResult());
    return runs.findCurrent(tenantId).orElseThrow();
  }

  private static ApiException alreadyActive(String tenantId, String processInstanceId) {
    return ApiException.conflict(
        "Tenant '"
            + tenantId
            + "' already has an active pilot"
            + (processInstanceId == null ? "" : " (process instance " + processInstanceId + ")"));
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    return cause(e, type) != null;
  }

  private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    return null;
  }
}
