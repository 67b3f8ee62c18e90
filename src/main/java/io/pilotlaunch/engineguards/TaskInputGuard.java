package io.pilotlaunch.engineguards;

import io.pilotlaunch.authentication.Admins;
import io.pilotlaunch.web.ApiException.FieldError;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * What a person may write into a pilot: only what the form of the task (or of the start) asks for.
 * Completing, submitting or saving a task, starting a process and claiming are judged here, where
 * the engine executes them, whatever sent them: /engine-rest, the webapps' API or Java.
 *
 * <ul>
 *   <li>Only fields of the task's deployed form, plain values only (no serialized objects or
 *       files); read-only ones unchanged. Required fields and {@code requiredWhen} are enforced.
 *       Refusal names every field by its label, in words a person reads in Tasklist (no task id, no
 *       variable name, no expression), and the command does not run: a form validation error (400).
 *   <li>On submit, for every caller, the form's fields stay local to their task: its editable
 *       fields are written into the task's own scope (the execution of the task's activity, which
 *       its output mapping reads; the task itself where the activity has no scope), so parallel
 *       tasks of one pilot never overwrite each other's fields and the start variables and other
 *       teams' decisions cannot be written. The model copies the item's one result to the pilot
 *       (docs/adr/0014). The fields the form hides for the input (a rejection reason on an
 *       approval) and those the input lacks are not written. Read-only fields are not written.
 * </ul>
 *
 * Which commands a person may run at all is {@link CommandAllowList}'s.
 *
 * <p>Admins and the system (no authenticated user: the job executor, our API after its own caller
 * rules) are not checked; their form fields are kept local like everyone's. Nor are commands the
 * engine runs inside another command.
 */
final class TaskInputGuard extends CommandInterceptor {

  /**
   * Each completion's input as it came. The fields are taken out of the command below, and a
   * command that lost to a concurrent one runs again, the same object (RetryOnConflict): its second
   * run must judge and write what was submitted, not what the first run left.
   */
  private final Map<Command<?>, Map<String, ?>> asSubmitted =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final ProcessEngineConfigurationImpl engine;
  private final DeployedForms forms = new DeployedForms();
  private final FormConditions conditions;

  TaskInputGuard(ProcessEngineConfigurationImpl engine) {
    this.engine = engine;
    this.conditions = new FormConditions(engine);
  }

  @Override
  public <T> T execute(Command<T> command) {
    if (Context.getCommandContext() != null) {
      return next.execute(command);
    }
    Authentication caller = engine.getIdentityService().getCurrentAuthentication();
    Consumer<CommandContext> check =
        caller == null || Admins.includes(engine, caller) ? keepLocalOf(command) : checkOf(command);
    return check == null
        ? next.execute(command)
        : next.execute(new CheckedCommand<>(command, check));
  }

  /** For trusted callers: no check, but a submit's form fields stay local to its task too. */
  private Consumer<CommandContext> keepLocalOf(Command<?> command) {
    if (command instanceof CompleteTaskCmd) {
      return context -> submit(context, command, "variables", false);
    }
    if (command instanceof SubmitTaskFormCmd) {
      return context -> submit(context, command, "properties", false);
    }
    return null;
  }

  /**
   * @return the check to run in the command's own context before it, or null for other commands
   */
  private Consumer<CommandContext> checkOf(Command<?> command) {
    if (command instanceof CompleteTaskCmd) { // and ResolveTaskCmd
      return context -> submit(context, command, "variables", true);
    }
    if (command instanceof SubmitTaskFormCmd) {
      return context -> submit(context, command, "properties", true);
    }
    if (command instanceof StartProcessInstanceCmd) {
      ProcessInstantiationBuilderImpl start =
          EngineInternals.field(
              command, "instantiationBuilder", ProcessInstantiationBuilderImpl.class);
      return context -> checkStart(context, definition(start), start.getVariables());
    }
    if (command instanceof SubmitStartFormCmd) {
      return context ->
          checkStart(
              context,
              context
                  .getProcessEngineConfiguration()
                  .getDeploymentCache()
                  .findDeployedProcessDefinitionById(
                      EngineInternals.field(command, "processDefinitionId", String.class)),
              variables(command, "variables"));
    }
    return null;
  }

  /**
   * Completing or submitting a task: checked (for team members), then the form's fields are taken
   * out of the command and written into the task's own scope, the hidden ones dropped.
   */
  private void submit(
      CommandContext context, Command<?> command, String variablesField, boolean check) {
    Map<String, ?> submitted =
        asSubmitted.computeIfAbsent(command, c -> nonNull(variables(c, variablesField)));
    String taskId = taskId(command, "taskId");
    TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
    if (task == null) {
      return; // the command itself answers "not found"
    }
    FormInput input =
        new FormInput(forms.ofTask(context, task), task::getVariable, conditions::hold);
    if (check) {
      refuseObjects(submitted);
      refuse(context, task, input.problems(submitted));
    }
    Set<String> editable = input.editableFields();
    if (editable.isEmpty()) {
      return;
    }
    Set<String> hidden = input.hiddenFields(submitted);
    VariableScope own = ownScope(task);
    if (own instanceof ExecutionEntity execution && execution.getParent() == null) {
      // Read committed: a concurrent completion ended the task's scope between our reads of the
      // task and of the scope's parent; the retry finds the task gone and says so.
      throw new OptimisticLockingException("Task '" + task.getName() + "' was completed meanwhile");
    }
    VariableMap local = Variables.createVariables();
    // A field the input lacks or the form hides is not written: the task's scope is new with the
    // task, so it reads as null there anyway, and a value the model prefilled stays.
    for (String field : editable) {
      if (submitted.containsKey(field) && !hidden.contains(field)) {
        put(local, field, submitted.get(field));
      }
    }
    own.setVariablesLocal(local);
    Set<String> taken = new HashSet<>(editable);
    taken.addAll(input.readOnlyFields());
    EngineInternals.set(command, variablesField, without(submitted, taken));
  }

  /**
   * Where a task's form fields live: the execution of its activity when the activity is a scope (it
   * has input/output mappings: the output mapping reads them there), else the task itself. Never an
   * execution the task shares with others, such as a parallel branch or the pilot.
   */
  private static VariableScope ownScope(TaskEntity task) {
    ExecutionEntity execution = task.getExecution();
    return execution != null
            && execution.isScope()
            && !execution.isProcessInstanceExecution()
            && task.getTaskDefinitionKey().equals(execution.getActivityId())
        ? execution
        : task;
  }

  /**
   * Refuses the input if it has problems. The message is what Tasklist shows a person: the problems
   * in the form's words, no task id; the field keys go in the exception's detail.
   */
  private static void refuse(CommandContext context, TaskEntity task, List<FieldError> problems) {
    if (problems.isEmpty()) {
      return;
    }
    if (completedMeanwhile(context, task.getId())) {
      // Read committed: another completion committed between our reads of the task, its
      // execution and their variables, so the input was judged against half of that state.
      throw new OptimisticLockingException("Task '" + task.getName() + "' was completed meanwhile");
    }
    throw new FormFieldValidationException(problems, sentences(problems) + " Nothing was changed.");
  }

  private static String sentences(List<FieldError> problems) {
    return String.join(" ", problems.stream().map(FieldError::message).toList());
  }

  /** The input without those fields, typed values kept as they came. */
  private static Map<String, Object> without(Map<String, ?> submitted, Set<String> dropped) {
    VariableMap kept = Variables.createVariables();
    submitted.forEach(
        (name, value) -> {
          if (!dropped.contains(name)) {
            put(kept, name, value);
          }
        });
    return kept;
  }

  private static void put(VariableMap variables, String name, Object value) {
    if (value instanceof TypedValue typed) {
      variables.putValueTyped(name, typed);
    } else {
      variables.put(name, value);
    }
  }

  /**
   * Forms send text, numbers, booleans and dates. A serialized object is never a form's answer, and
   * reading it would deserialize what a caller sent.
   */
  private static void refuseObjects(Map<String, ?> submitted) {
    List<String> objects =
        nonNull(submitted).keySet().stream()
            .filter(
                name -> {
                  // a VariableMap deserializes a value when it is read; its typed value does not
                  Object value =
                      submitted instanceof VariableMap variables
                          ? variables.getValueTyped(name)
                          : submitted.get(name);
                  return value instanceof SerializableValue || value instanceof FileValue;
                })
            .sorted()
            .toList();
    if (!objects.isEmpty()) {
      throw new InputRefused(
          "Only plain values are accepted (text, number, true/false, date), not objects or files: "
              + String.join(", ", objects)
              + ". Nothing was changed.");
    }
  }

  /** Asks the database again, past the command's entity cache and MyBatis' statement cache. */
  private static boolean completedMeanwhile(CommandContext context, String taskId) {
    return context.getTaskManager().findTaskCountByQueryCriteria(new TaskQueryImpl().taskId(taskId))
        == 0;
  }

  private void checkStart(
      CommandContext context, ProcessDefinitionEntity definition, Map<String, ?> submitted) {
    refuseObjects(submitted);
    if (definition == null) {
      return; // the command itself answers "not found"
    }
    FormInput input =
        new FormInput(forms.ofStart(context, definition), name -> null, conditions::hold);
    List<FieldError> problems = input.problems(nonNull(submitted));
    if (!problems.isEmpty()) {
      throw new FormFieldValidationException(problems, sentences(problems));
    }
  }

  private ProcessDefinitionEntity definition(ProcessInstantiationBuilderImpl start) {
    var cache = Context.getProcessEngineConfiguration().getDeploymentCache();
    if (start.getProcessDefinitionId() != null) {
      return cache.findDeployedProcessDefinitionById(start.getProcessDefinitionId());
    }
    return start.getProcessDefinitionTenantId() != null
        ? cache.findDeployedLatestProcessDefinitionByKeyAndTenantId(
            start.getProcessDefinitionKey(), start.getProcessDefinitionTenantId())
        : cache.findDeployedLatestProcessDefinitionByKey(start.getProcessDefinitionKey());
  }

  private static String taskId(Command<?> command, String field) {
    return EngineInternals.field(command, field, String.class);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> variables(Command<?> command, String field) {
    return EngineInternals.field(command, field, Map.class);
  }

  private static Map<String, ?> nonNull(Map<String, ?> variables) {
    return variables == null ? Map.of() : variables;
  }
}
