package io.pilotlaunch.pilot;

import io.pilotlaunch.process.MvpPilotLaunchProcess.Beans;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Elements;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import java.time.Clock;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;

/**
 * The process records its own run: active from its start, completed or aborted at its end, and the
 * milestone status it sets on the way.
 */
@Configuration
class PilotRunListeners {

  /**
   * In the start's transaction: a second active pilot of the tenant fails on the unique key and the
   * start rolls back, whether it came through the API or from Tasklist.
   */
  @Bean(Beans.PILOT_RUN_STARTED)
  ExecutionListener pilotRunStarted(PilotRuns runs, Clock clock) {
    return execution -> {
      String tenantId = (String) execution.getVariable(Variables.TENANT_ID);
      try {
        runs.insertActive(
            tenantId,
            execution.getProcessInstanceId(),
            (String) execution.getVariable(Variables.PILOT_INITIATOR),
            clock.instant());
      } catch (DuplicateKeyException e) {
        throw new ProcessEngineException(
            "Tenant '" + tenantId + "' already has an active pilot", e);
      }
    };
  }

  /**
   * The model's automatic "Milestone status set to Completed" steps; setting it twice changes
   * nothing.
   */
  @Bean(Beans.MILESTONE_STATUS_DELEGATE)
  JavaDelegate milestoneStatusDelegate(PilotRuns runs) {
    return execution ->
        runs.setMilestoneStatus(
            execution.getProcessInstanceId(),
            MilestoneStatus.ofLabel((String) execution.getVariable(Variables.MILESTONE_STATUS)));
  }

  @Bean(Beans.PILOT_RUN_ENDED)
  ExecutionListener pilotRunEnded(PilotRuns runs, Clock clock) {
    return execution -> {
      boolean aborted =
          execution.isCanceled()
              || execution.getVariable(Variables.ABORT_REASON) != null
              || Elements.END_EVENT_PILOT_ABORTED.equals(execution.getCurrentActivityId());
      runs.end(
          execution.getProcessInstanceId(),
          aborted ? RunStatus.ABORTED : RunStatus.COMPLETED,
          clock.instant());
    };
  }
}
