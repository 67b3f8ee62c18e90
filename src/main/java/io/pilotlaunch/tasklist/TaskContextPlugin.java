package io.pilotlaunch.tasklist;

import io.pilotlaunch.milestones.MilestoneDefinition;
import io.pilotlaunch.milestones.MilestoneDefinitions;
import io.pilotlaunch.process.ConfigurationLists;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Adds {@link TaskContext} to every user task of a registered milestone's process as it is deployed
 * or loaded: one rule for all tasks, kept out of the model so that a task added in Camunda Modeler
 * gets it too.
 */
@Component
class TaskContextPlugin extends AbstractProcessEnginePlugin {

  private final TaskContext taskContext;
  private final Set<String> milestoneProcesses;

  /** Lazy: the task context reads the engine's history, and the engine needs this plugin first. */
  TaskContextPlugin(@Lazy TaskContext taskContext, MilestoneDefinitions milestones) {
    this.taskContext = taskContext;
    this.milestoneProcesses =
        milestones.all().stream()
            .map(MilestoneDefinition::processKey)
            .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    BpmnParseListener listener =
        new AbstractBpmnParseListener() {
          @Override
          public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
            if (activity.getProcessDefinition() instanceof ProcessDefinitionEntity definition
                && milestoneProcesses.contains(definition.getKey())
                && activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
              userTask
                  .getTaskDefinition()
                  .addTaskListener(TaskListener.EVENTNAME_CREATE, taskContext);
            }
          }
        };
    configuration.setCustomPostBPMNParseListeners(
        ConfigurationLists.withAdded(configuration.getCustomPostBPMNParseListeners(), listener));
  }
}
