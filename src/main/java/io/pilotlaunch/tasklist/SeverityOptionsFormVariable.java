package io.pilotlaunch.tasklist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlaunch.operations.SeverityOptions;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.springframework.stereotype.Component;

/**
 * The triage form offers the configured severities: a task's form variables (Tasklist reads them
 * each time it opens a form) carry {@value Variables#SEVERITY_OPTIONS}, the {@link SeverityOptions}
 * as form-js reads options from a variable ({@code [{"label": "Critical", "value": "critical"},
 * …]}), which the triage form's severity select names as its {@code valuesKey}.
 *
 * <p>With every task's form variables, not only the triage's: they are configuration, not pilot
 * data, and finding out which form a task shows would cost each form read a query (the form reads
 * are counted in FullPilotIT). A form that names no such {@code valuesKey} ignores them; Tasklist
 * submits only a form's own fields.
 *
 * <p>Serialized as JSON (an object value of format {@code application/json}): that is how Tasklist
 * recognises a variable holding options; a Java reader finds the JSON in {@code
 * getValueTyped(...).getValueSerialized()}. Computed when the form is read, never stored: open
 * triage tasks offer what is configured now.
 */
@Component
class SeverityOptionsFormVariable extends ComputedFormVariable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectValue options;

  SeverityOptionsFormVariable(SeverityOptions severityOptions) {
    super(Variables.SEVERITY_OPTIONS);
    this.options = formJsOptions(severityOptions.choices());
  }

  @Override
  Optional<ObjectValue> valueFor(String taskId, boolean complete, VariableMap read) {
    return Optional.of(options);
  }

  private static ObjectValue formJsOptions(Map<String, String> choices) {
    List<Map<String, String>> options =
        choices.entrySet().stream()
            .map(choice -> Map.of("label", choice.getValue(), "value", choice.getKey()))
            .toList();
    try {
      return org.camunda.bpm.engine.variable.Variables.serializedObjectValue(
              JSON.writeValueAsString(options))
          .serializationDataFormat("application/json")
          .create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The severity options cannot be written as JSON", e);
    }
  }
}
