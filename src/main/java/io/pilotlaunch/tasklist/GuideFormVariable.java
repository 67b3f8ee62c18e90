package io.pilotlaunch.tasklist;

import io.pilotlaunch.milestones.MilestoneDefinition;
import io.pilotlaunch.milestones.MilestoneDefinitions;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import io.pilotlaunch.web.CallerRules;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Every form of a pilot's task leads with its work: when the form variables of a task of a
 * registered milestone's process are read (Tasklist does so each time it opens the form), the
 * answer carries {@value Variables#TASK_GUIDE}, {@link TaskContext#guide}'s Markdown, which the
 * forms' first text component renders.
 *
 * <p>Computed when the form is opened, never stored: a task's creation writes no guide into the
 * runtime or the history, and the guide says the pilot as it is at that moment. Added only after
 * the engine let the reader have the task's variables, from those variables; the task is read as
 * the system, in a query of its own; the model is the engine's cached one.
 */
@Component
class GuideFormVariable extends ComputedFormVariable {

  private final TaskContext taskContext;
  private final TaskService taskService;
  private final RepositoryService repositoryService;
  private final CallerRules caller;
  private final String[] milestoneProcesses;

  /** Lazy: these read the engine, and the engine needs this plugin first. */
  GuideFormVariable(
      @Lazy TaskContext taskContext,
      @Lazy TaskService taskService,
      @Lazy RepositoryService repositoryService,
      @Lazy CallerRules caller,
      MilestoneDefinitions milestones) {
    super(Variables.TASK_GUIDE);
    this.taskContext = taskContext;
    this.taskService = taskService;
    this.repositoryService = repositoryService;
    this.caller = caller;
    this.milestoneProcesses =
        milestones.all().stream().map(MilestoneDefinition::processKey).toArray(String[]::new);
  }

  @Override
  Optional<String> valueFor(String taskId, boolean complete, VariableMap read) {
    return caller.asSystem(
        () -> {
          Task task =
              taskService
                  .createTaskQuery()
                  .taskId(taskId)
                  .processDefinitionKeyIn(milestoneProcesses)
                  .singleResult();
          if (task == null) {
            return Optional.<String>empty();
          }
          Map<String, Object> seen = complete ? read : taskService.getVariables(taskId);
          UserTask element =
              repositoryService
                  .getBpmnModelInstance(task.getProcessDefinitionId())
                  .getModelElementById(task.getTaskDefinitionKey());
          return Optional.of(taskContext.guide(element, seen::get));
        });
  }
}
