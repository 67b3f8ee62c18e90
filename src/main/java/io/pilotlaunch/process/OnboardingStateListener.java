package io.pilotlaunch.process;

/**
 * Kept for pilots started on model version m6-1.0.0, whose deployed model names this class: it does
 * what bean {@value MvpPilotLaunchProcess.Beans#ONBOARDING_STATE_LISTENER} does. Delete it once no
 * pilot of that version runs (README, "Changing the model").
 */
@Deprecated(forRemoval = true)
public class OnboardingStateListener extends DeployedModelClass {

  public OnboardingStateListener() {
    super(MvpPilotLaunchProcess.Beans.ONBOARDING_STATE_LISTENER);
  }
}
