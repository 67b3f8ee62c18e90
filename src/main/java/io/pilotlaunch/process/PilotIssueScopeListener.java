package io.pilotlaunch.process;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Variables.*;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/**
 * Start listener of the event subprocess "Pilot issue": makes every issue variable local to this
 * subprocess instance, so that two issues reported during the pilot never overwrite each other
 * (task output mappings write to the nearest scope that already holds the variable).
 *
 * <p>The message payload may arrive as process or as local variables: whatever is visible at
 * the moment the subprocess starts (same transaction as the correlation) is copied into the
 * subprocess scope. {@code issueResponseSla} defaults by severity when the payload has none.
 */
public class PilotIssueScopeListener implements ExecutionListener {

  /** Response SLA per severity (ISO-8601 durations); a later issue may feed these from config. */
  public static final Map<String, String> DEFAULT_RESPONSE_SLA =
      Map.of("critical", "PT1H", "high", "PT4H", "medium", "P1D", "low", "P3D");

  public static final String FALLBACK_RESPONSE_SLA = "P1D";

  /** Variables copied from the payload into the subprocess scope. */
  static final List<String> PAYLOAD =
      List.of(ISSUE_ID, ISSUE_TITLE, ISSUE_DESCRIPTION, ISSUE_SEVERITY, ISSUE_COMPONENT, ISSUE_TOPIC);

  /** Variables written by the tasks of the subprocess; declared locally so outputs land here. */
  static final List<String> OUTPUTS =
      List.of(ISSUE_FIX_APPROVED, ISSUE_TRIAGE_COMMENT, ISSUE_FIX_DONE, ISSUE_FIX_EVIDENCE_LINK, ISSUE_FIX_COMMENT,
          ISSUE_FIX_PR_URL,
          ISSUE_FIX_REVIEW_DECISION, ISSUE_FIX_REVIEW_COMMENT, ISSUE_FIX_REVIEW_REJECTION_REASON,
          ISSUE_ESCALATION_DONE, ISSUE_ESCALATION_EVIDENCE_LINK, ISSUE_ESCALATION_COMMENT);

  @Override
  public void notify(DelegateExecution execution) {
    for (String name : PAYLOAD) {
      execution.setVariableLocal(name, execution.getVariable(name));
    }
    Object sla = execution.getVariable(ISSUE_RESPONSE_SLA);
    if (sla == null || sla.toString().isBlank()) {
      sla = responseSlaFor((String) execution.getVariableLocal(ISSUE_SEVERITY));
    }
    execution.setVariableLocal(ISSUE_RESPONSE_SLA, sla.toString());
    for (String name : OUTPUTS) {
      execution.setVariableLocal(name, null);
    }
  }

  /** The default response SLA of a severity; unknown or missing severities get {@link #FALLBACK_RESPONSE_SLA}. */
  public static String responseSlaFor(String severity) {
    if (severity == null) {
      return FALLBACK_RESPONSE_SLA;
    }
    return DEFAULT_RESPONSE_SLA.getOrDefault(severity.toLowerCase(Locale.ROOT), FALLBACK_RESPONSE_SLA);
  }
}
