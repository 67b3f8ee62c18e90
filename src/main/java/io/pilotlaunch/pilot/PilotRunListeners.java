package io.pilotlaunch.pilot;

import io.pilotlaunch.process.MvpPilotLaunchProcess.Beans;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Elements;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
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
   * In the start's transaction: a start from Tasklist is judged by the rules of the API ({@link
   * StartPilotRequest}), and its window's bounds become instants as the API's are; a second active
   * pilot of the tenant fails on the unique key. A refused start rolls back whole: nothing started,
   * and Tasklist shows the reason (a form validation error is a 400 with its message).
   */
  @Bean(Beans.PILOT_RUN_STARTED)
  ExecutionListener pilotRunStarted(
      PilotRuns runs, Clock clock, Validator validator, PilotWindow window) {
    return execution -> {
      StartPilotRequest start = startOf(execution);
      List<String> problems =
          validator.validate(start).stream()
              .map(violation -> violation.getPropertyPath() + " " + violation.getMessage())
              .sorted()
              .toList();
      if (!problems.isEmpty()) {
        throw new FormFieldValidationException(
            problems, "The pilot was not started: " + String.join("; ", problems));
      }
      execution.setVariable(
          Variables.PILOT_START, window.start(start.pilotStart()).orElseThrow().toString());
      execution.setVariable(
          Variables.PILOT_END, window.end(start.pilotEnd()).orElseThrow().toString());
      String tenantId = start.tenantId();
      try {
        runs.insertActive(
            tenantId,
            execution.getProcessInstanceId(),
            (String) execution.getVariable(Variables.PILOT_INITIATOR),
            clock.instant());
      } catch (DuplicateKeyException e) {
        throw new FormFieldValidationException(
            List.of("tenantId"),
            "The pilot was not started: tenant '" + tenantId + "' already has an active pilot",
            e);
      }
    };
  }

  private static StartPilotRequest startOf(DelegateExecution execution) {
    return new StartPilotRequest(
        text(execution, Variables.TENANT_ID),
        text(execution, Variables.TENANT_NAME),
        text(execution, Variables.ENVIRONMENT),
        text(execution, Variables.REGION),
        text(execution, Variables.PILOT_START),
        text(execution, Variables.PILOT_END));
  }

  /** Text as the form or the API gave it; any other type fails validation as if missing. */
  private static String text(DelegateExecution execution, String name) {
    return execution.getVariable(name) instanceof String text ? text : null;
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
