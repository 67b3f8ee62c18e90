package io.pilotlaunch.operations;

import io.pilotlaunch.process.MvpPilotLaunchProcess.Beans;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Elements;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import java.time.Clock;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the issue's event subprocess records in our table: first response, SLA breach, closing. */
@Configuration
class PilotIssueListeners {

  /** Fields of the triage form, task-local until the task's output mapping copies them. */
  static final String TRIAGED_SEVERITY = "severity";

  static final String TRIAGED_TOPIC = "topic";

  /**
   * Completing the triage is the first response; the form's severity and topic are the triaged
   * ones.
   */
  @Bean(Beans.PILOT_ISSUE_TRIAGED)
  TaskListener pilotIssueTriaged(PilotIssues issues) {
    return task -> {
      Object severity = task.getVariable(TRIAGED_SEVERITY);
      String topic =
          task.getVariable(TRIAGED_TOPIC) == null
              ? ""
              : FixBranch.slug(task.getVariable(TRIAGED_TOPIC).toString());
      issues.recordTriage(
          (String) task.getVariable(Variables.TENANT_ID),
          (String) task.getVariable(Variables.ISSUE_ID),
          severity == null ? null : severity.toString(),
          topic.isEmpty() ? null : topic);
    };
  }

  /** The escalation task exists because the response SLA passed. */
  @Bean(Beans.PILOT_ISSUE_SLA_BREACHED)
  TaskListener pilotIssueSlaBreached(PilotIssues issues) {
    return task ->
        issues.recordSlaBreach(
            (String) task.getVariable(Variables.TENANT_ID),
            (String) task.getVariable(Variables.ISSUE_ID));
  }

  /** The fix passed review, or triage closed the issue without one. */
  @Bean(Beans.PILOT_ISSUE_CLOSED)
  ExecutionListener pilotIssueClosed(PilotIssues issues, Clock clock) {
    return execution -> {
      boolean fixed =
          Elements.END_EVENT_PILOT_ISSUE_RESOLVED.equals(execution.getCurrentActivityId());
      issues.resolve(
          (String) execution.getVariable(Variables.TENANT_ID),
          (String) execution.getVariable(Variables.ISSUE_ID),
          fixed ? "fixed" : "closed-without-fix",
          fixed ? "Fix reviewed and tested" : "Triage approved no fix",
          clock.instant());
    };
  }
}
