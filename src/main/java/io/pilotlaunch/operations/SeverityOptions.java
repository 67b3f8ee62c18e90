package io.pilotlaunch.operations;

import io.pilotlaunch.engineguards.FormOptions;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The configured severities as the triage form's choices, most severe first: Tasklist offers them
 * (the form's severity select takes its options from {@value Variables#SEVERITY_OPTIONS}) and the
 * task input guard accepts only them. A severity added in configuration is a choice at once.
 */
@Component
public class SeverityOptions implements FormOptions {

  private final Map<String, String> choices;

  public SeverityOptions(Severities severities) {
    Map<String, String> choices = new LinkedHashMap<>();
    severities.names().forEach(name -> choices.put(name, label(name)));
    this.choices = java.util.Collections.unmodifiableMap(choices);
  }

  @Override
  public String valuesKey() {
    return Variables.SEVERITY_OPTIONS;
  }

  @Override
  public Map<String, String> choices() {
    return choices;
  }

  /** "critical" reads "Critical" in the form. */
  private static String label(String severity) {
    return Character.toUpperCase(severity.charAt(0)) + severity.substring(1);
  }
}
