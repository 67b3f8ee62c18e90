package io.pilotlaunch.pilot;

import io.pilotlaunch.pilot.PilotRuns.PilotRun;
import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
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

  public PilotLaunches(
      PilotRuns runs,
      VisiblePilots pilots,
      CallerRules caller,
      RuntimeService runtimeService,
      PilotWindow window) {
    this.runs = runs;
    this.pilots = pilots;
    this.caller = caller;
    this.runtimeService = runtimeService;
    this.window = window;
  }

  /**
   * Starts MvpPilotLaunch with business key = tenant id. The check for an active pilot gives a
   * clear answer; the unique key on pilot_run.active_tenant_id, written by the process start
   * listener in the same transaction, decides races and starts from Tasklist alike.
   */
  @Transactional
  public PilotRun start(StartPilotRequest request) {
    caller.requireOwner("start pilots");
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
    try {
      caller.asSystem(
          () ->
              runtimeService.startProcessInstanceByKey(
                  MvpPilotLaunchProcess.PROCESS_ID, request.tenantId(), variables));
    } catch (RuntimeException e) {
      if (causedBy(e, DuplicateKeyException.class)) {
        throw alreadyActive(request.tenantId(), null);
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
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }
}
