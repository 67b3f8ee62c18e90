package io.pilotlaunch.process;

/**
 * Kept for pilots started on model version m6-1.0.0, whose deployed model names this class: it does
 * what bean {@value MvpPilotLaunchProcess.Beans#START_POST_MVP_ENHANCEMENTS_DELEGATE} does. Delete
 * it once no pilot of that version runs (README, "Changing the model").
 */
@Deprecated(forRemoval = true)
public class StartPostMvpEnhancementsDelegate extends DeployedModelClass {

  public StartPostMvpEnhancementsDelegate() {
    super(MvpPilotLaunchProcess.Beans.START_POST_MVP_ENHANCEMENTS_DELEGATE);
  }
}
