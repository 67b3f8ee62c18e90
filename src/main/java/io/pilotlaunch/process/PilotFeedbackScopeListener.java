package io.pilotlaunch.process;

/**
 * Kept for pilots started on model version m6-1.0.0, whose deployed model names this class: it does
 * what bean {@value MvpPilotLaunchProcess.Beans#PILOT_FEEDBACK_SCOPE_LISTENER} does. Delete it once
 * no pilot of that version runs (README, "Changing the model").
 */
@Deprecated(forRemoval = true)
public class PilotFeedbackScopeListener extends DeployedModelClass {

  public PilotFeedbackScopeListener() {
    super(MvpPilotLaunchProcess.Beans.PILOT_FEEDBACK_SCOPE_LISTENER);
  }
}
