package io.pilotlaunch.tasklist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlaunch.api.CallerRules;
import io.pilotlaunch.operations.SeverityOptions;
import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Forms;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The triage form offers the configured severities: when a triage task's form variables are read
 * (Tasklist does so each time it opens the form), the answer carries {@value
 * Variables#SEVERITY_OPTIONS}, the {@link SeverityOptions} as form-js reads options from a variable
 * ({@code [{"label": "Critical", "value": "critical"}, …]}).
 *
 * <p>Serialized as JSON (an object value of format {@code application/json}): that is how Tasklist
 * recognises a variable holding options; a Java reader finds the JSON in {@code
 * getValueTyped(...).getValueSerialized()}. Computed when the form is read, never stored: a change
 * of the configured severities reaches open triage tasks too.
 */
@Component
class SeverityOptionsFormVariable extends ComputedFormVariable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectValue options;
  private final TaskService taskService;
  private final RepositoryService repositoryService;
  private final CallerRules caller;

  /** Lazy: these read the engine, and the engine needs this plugin first. */
  SeverityOptionsFormVariable(
      SeverityOptions severityOptions,
      @Lazy TaskService taskService,
      @Lazy RepositoryService repositoryService,
      @Lazy CallerRules caller) {
    super(Variables.SEVERITY_OPTIONS);
    this.options = formJsOptions(severityOptions.choices());
    this.taskService = taskService;
    this.repositoryService = repositoryService;
    this.caller = caller;
  }

  @Override
  Optional<ObjectValue> valueFor(String taskId, boolean complete, VariableMap read) {
    return caller.asSystem(
        () -> {
          Task task =
              taskService
                  .createTaskQuery()
                  .taskId(taskId)
                  .processDefinitionKey(MvpPilotLaunchProcess.PROCESS_ID)
                  .singleResult();
          if (task == null) {
            return Optional.<ObjectValue>empty();
          }
          UserTask element =
              repositoryService
                  .getBpmnModelInstance(task.getProcessDefinitionId())
                  .getModelElementById(task.getTaskDefinitionKey());
          return element != null
                  && Forms.PILOT_ISSUE_TRIAGE_FORM.equals(element.getCamundaFormRef())
              ? Optional.of(options)
              : Optional.<ObjectValue>empty();
        });
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
