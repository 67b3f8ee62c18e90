package io.pilotlaunch.tasklist;

import io.pilotlaunch.process.ConfigurationLists;
import java.util.Optional;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormVariablesCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * A form variable computed each time a task's form variables are read (Tasklist does so each time
 * it opens the form), never stored. Added around the engine's command, so only after the engine let
 * the reader have the task's variables.
 */
abstract class ComputedFormVariable extends AbstractProcessEnginePlugin {

  private final String name;

  ComputedFormVariable(String name) {
    this.name = name;
  }

  /**
   * The value for this task, or empty to add none.
   *
   * @param read the variables the engine answered: all the task sees when {@code complete}, else
   *     only those asked for
   */
  abstract Optional<?> valueFor(String taskId, boolean complete, VariableMap read);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCustomPreCommandInterceptorsTxRequired(
        ConfigurationLists.withAdded(
            configuration.getCustomPreCommandInterceptorsTxRequired(),
            new AddToTaskFormVariables()));
  }

  private final class AddToTaskFormVariables extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      T result = next.execute(command);
      if (command instanceof GetTaskFormVariablesCmd read
          && result instanceof VariableMap variables
          && (read.formVariableNames == null || read.formVariableNames.contains(name))) {
        valueFor(read.resourceId, read.formVariableNames == null, variables)
            .ifPresent(value -> variables.putValue(name, value));
      }
      return result;
    }
  }
}
