package io.pilotlaunch.pilot;

import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Beans;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Elements;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import io.pilotlaunch.roadmap.DependencyGate;
import io.pilotlaunch.roadmap.Roadmap;
import io.pilotlaunch.web.ApiException.FieldError;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;

/**
 * The process records its own run: active from its start, completed or aborted at its end, and the
 * milestone status it sets on the way. Its start passes the roadmap's dependency gate, and its
 * "Completed" moves the milestone in the roadmap index (ADR 0022).
 */
@Configuration
class PilotRunListeners {

  /**
   * The labels of the Tasklist start form (forms/start-pilot.form), in its order: a refused start
   * names each field as the form shows it, never by the variable's name.
   */
  static final Map<String, String> START_FORM_LABELS =
      linked(
          Variables.TENANT_ID, "Tenant id",
          Variables.TENANT_NAME, "Tenant name",
          Variables.REPOSITORY, "Repository",
          Variables.ENVIRONMENT, "Environment",
          Variables.REGION, "Region",
          Variables.PILOT_START, "First pilot day",
          Variables.PILOT_END, "Last pilot day");

  /**
   * In the start's transaction: a start from Tasklist is judged by the rules of the API ({@link
   * StartPilotRequest}), and its window's bounds become instants as the API's are; a second active
   * pilot of the tenant fails on the unique key. A refused start rolls back whole: nothing started,
   * and Tasklist shows the reason in the form's words (a form validation error is a 400 with its
   * message; each field's key is in its detail, for /engine-rest's {@code errors}).
   */
  @Bean(Beans.PILOT_RUN_STARTED)
  ExecutionListener pilotRunStarted(
      PilotRuns runs,
      Clock clock,
      Validator validator,
      PilotWindow window,
      DependencyGate dependencyGate) {
    List<String> fieldOrder = List.copyOf(START_FORM_LABELS.keySet());
    return execution -> {
      StartPilotRequest start = startOf(execution);
      List<FieldError> problems =
          validator.validate(start).stream()
              .map(
                  violation -> {
                    String field = violation.getPropertyPath().toString();
                    return new FieldError(
                        field,
                        START_FORM_LABELS.getOrDefault(field, field)
                            + " "
                            + violation.getMessage()
                            + ".");
                  })
              .sorted(
                  Comparator.comparing((FieldError problem) -> fieldOrder.indexOf(problem.field()))
                      .thenComparing(FieldError::message))
              .toList();
      if (!problems.isEmpty()) {
        throw new FormFieldValidationException(
            problems, String.join(" ", problems.stream().map(FieldError::message).toList()));
      }
      String pilotStart = window.start(start.pilotStart()).orElseThrow().toString();
      String pilotEnd = window.end(start.pilotEnd()).orElseThrow().toString();
      execution.setVariable(Variables.PILOT_START, pilotStart);
      execution.setVariable(Variables.PILOT_END, pilotEnd);
      String tenantId = start.tenantId();
      dependencyGate.admit(
          MvpPilotLaunchProcess.MILESTONE_ID,
          tenantId,
          execution.getProcessInstanceId(),
          (String) execution.getVariable(Variables.PILOT_INITIATOR),
          text(execution, DependencyGate.OVERRIDE_REASON));
      try {
        runs.insertActive(
            tenantId,
            start.normalizedRepository(),
            execution.getProcessInstanceId(),
            (String) execution.getVariable(Variables.PILOT_INITIATOR),
            clock.instant(),
            new PilotRuns.StartValues(
                start.tenantName(), start.environment(), start.region(), pilotStart, pilotEnd));
      } catch (DuplicateKeyException e) {
        String refusal =
            "Tenant "
                + tenantId
                + " already has an active pilot: choose another tenant id, or finish or abort"
                + " that pilot first.";
        throw new FormFieldValidationException(
            List.of(new FieldError(Variables.TENANT_ID, refusal)), refusal, e);
      }
    };
  }

  private static Map<String, String> linked(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }

  private static StartPilotRequest startOf(DelegateExecution execution) {
    return new StartPilotRequest(
        text(execution, Variables.TENANT_ID),
        text(execution, Variables.TENANT_NAME),
        text(execution, Variables.ENVIRONMENT),
        text(execution, Variables.REGION),
        text(execution, Variables.PILOT_START),
        text(execution, Variables.PILOT_END),
        blankAsNone(text(execution, Variables.REPOSITORY)),
        null);
  }

  /** Tasklist submits an optional text field left empty as "". */
  private static String blankAsNone(String text) {
    return text == null || text.isBlank() ? null : text;
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
  JavaDelegate milestoneStatusDelegate(PilotRuns runs, Roadmap roadmap) {
    return execution -> {
      MilestoneStatus status =
          MilestoneStatus.ofLabel((String) execution.getVariable(Variables.MILESTONE_STATUS));
      runs.setMilestoneStatus(execution.getProcessInstanceId(), status);
      if (status == MilestoneStatus.COMPLETED) {
        roadmap.runCompleted(
            MvpPilotLaunchProcess.MILESTONE_ID,
            (String) execution.getVariable(Variables.TENANT_ID));
      }
    };
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
