package io.pilotlaunch.operations;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Variables.*;

import io.pilotlaunch.process.MvpPilotLaunchProcess;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/**
 * Start listener of the event subprocess "Pilot feedback": keeps each feedback item's variables
 * local to its subprocess instance (see {@link PilotIssueScopeListener} for why).
 */
@org.springframework.stereotype.Component(MvpPilotLaunchProcess.Beans.PILOT_FEEDBACK_SCOPE_LISTENER)
public class PilotFeedbackScopeListener implements ExecutionListener {

  static final List<String> PAYLOAD =
      List.of(FEEDBACK_ID, FEEDBACK_TEXT, FEEDBACK_SOURCE, FEEDBACK_CATEGORY);
  static final List<String> OUTPUTS = List.of(FEEDBACK_ENHANCEMENT_CANDIDATES);

  @Override
  public void notify(DelegateExecution execution) {
    for (String name : PAYLOAD) {
      execution.setVariableLocal(name, execution.getVariable(name));
    }
    for (String name : OUTPUTS) {
      execution.setVariableLocal(name, null);
    }
  }
}
