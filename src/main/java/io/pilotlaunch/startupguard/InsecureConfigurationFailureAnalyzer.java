package io.pilotlaunch.startupguard;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused configuration into Boot's short "APPLICATION FAILED TO START" report. */
class InsecureConfigurationFailureAnalyzer
    extends AbstractFailureAnalyzer<InsecureConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InsecureConfigurationException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Export PILOT_ADMIN_PASSWORD with a secret of your own, or run the demo profile on a machine of your own.",
        cause);
  }
}
