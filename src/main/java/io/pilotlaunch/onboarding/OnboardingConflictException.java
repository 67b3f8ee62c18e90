package io.pilotlaunch.onboarding;

/**
 * A business conflict that no retry resolves, such as a tenant already routed elsewhere: the model
 * routes it to "Resolve onboarding conflict" for DevOps + SRE instead of an incident.
 */
public class OnboardingConflictException extends RuntimeException {

  public OnboardingConflictException(String message) {
    super(message);
  }
}
