package io.pilotlaunch.operations;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Variables.*;

import io.pilotlaunch.process.MvpPilotLaunchProcess;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/**
 * Start listener of the event subprocess "Pilot issue": makes every issue variable local to this
 * subprocess instance, so that two issues reported during the pilot never overwrite each other
 * (task output mappings write to the nearest scope that already holds the variable).
 *
 * <p>The message payload may arrive as process or as local variables: whatever is visible at the
 * moment the subprocess starts (same transaction as the correlation) is copied into the subprocess
 * scope. {@code issueResponseSla} is the full response SLA of the issue's severity ({@link
 * Severities}) when the payload has none.
 */
@org.springframework.stereotype.Component(MvpPilotLaunchProcess.Beans.PILOT_ISSUE_SCOPE_LISTENER)
public class PilotIssueScopeListener implements ExecutionListener {

  private final Severities severities;

  public PilotIssueScopeListener(Severities severities) {
    this.severities = severities;
  }

  /** Variables copied from the payload into the subprocess scope. */
  static final List<String> PAYLOAD =
      List.of(
          ISSUE_ID, ISSUE_TITLE, ISSUE_DESCRIPTION, ISSUE_SEVERITY, ISSUE_COMPONENT, ISSUE_TOPIC);

  /** Variables written by the tasks of the subprocess; declared locally so outputs land here. */
  static final List<String> OUTPUTS =
      List.of(
          ISSUE_FIX_APPROVED,
          ISSUE_TRIAGE_COMMENT,
          ISSUE_FIX_DONE,
          ISSUE_FIX_EVIDENCE_LINK,
          ISSUE_FIX_COMMENT,
          ISSUE_FIX_PR_URL,
          ISSUE_FIX_REVIEW_DECISION,
          ISSUE_FIX_REVIEW_COMMENT,
          ISSUE_FIX_REVIEW_REJECTION_REASON,
          ISSUE_ESCALATION_DONE,
          ISSUE_ESCALATION_EVIDENCE_LINK,
          ISSUE_ESCALATION_COMMENT);

  @Override
  public void notify(DelegateExecution execution) {
    for (String name : PAYLOAD) {
      execution.setVariableLocal(name, execution.getVariable(name));
    }
    // The API sends the time left of the response SLA; a message without it gets the full SLA.
    Object sla = execution.getVariable(ISSUE_RESPONSE_SLA);
    if (sla == null || sla.toString().isBlank()) {
      sla = severities.slaOf((String) execution.getVariableLocal(ISSUE_SEVERITY)).firstResponse();
    }
    execution.setVariableLocal(ISSUE_RESPONSE_SLA, sla.toString());
    for (String name : OUTPUTS) {
      execution.setVariableLocal(name, null);
    }
  }
}
