package io.pilotlaunch.onboarding;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Variables.ONBOARDING_STATE;

import io.pilotlaunch.process.MvpPilotLaunchProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/**
 * Listener on the start of Phase 1 and on the end of its end event "Tenant ready for live pilot"
 * (not on the subprocess end, which also fires when an abort cancels Phase 1): records in the
 * process-level variable {@code onboardingState} whether onboarding is in progress or completed.
 * The abort path needs it: BPMN compensates only a completed subprocess, so an abort during
 * onboarding calls the undo delegates directly.
 */
@org.springframework.stereotype.Component(MvpPilotLaunchProcess.Beans.ONBOARDING_STATE_LISTENER)
public class OnboardingStateListener implements ExecutionListener {

  public static final String IN_PROGRESS = "inProgress";
  public static final String COMPLETED = "completed";

  @Override
  public void notify(DelegateExecution execution) {
    String state = EVENTNAME_END.equals(execution.getEventName()) ? COMPLETED : IN_PROGRESS;
    execution.getProcessInstance().setVariable(ONBOARDING_STATE, state);
  }
}
