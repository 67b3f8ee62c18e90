package io.pilotlaunch.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.context.Context;

/**
 * A class name an older deployed model version names ({@code camunda:class}), kept after the class
 * moved into its feature as a bean: it resolves the bean the way {@code camunda:delegateExpression}
 * does, so pilots of that version run on. Depends on no feature.
 */
public abstract class DeployedModelClass implements ExecutionListener, TaskListener, JavaDelegate {

  private final String bean;

  protected DeployedModelClass(String bean) {
    this.bean = bean;
  }

  @Override
  public void notify(DelegateExecution execution) throws Exception {
    ((ExecutionListener) resolve(execution)).notify(execution);
  }

  @Override
  public void notify(DelegateTask task) {
    ((TaskListener) resolve(task)).notify(task);
  }

  @Override
  public void execute(DelegateExecution execution) throws Exception {
    ((JavaDelegate) resolve(execution)).execute(execution);
  }

  private Object resolve(VariableScope scope) {
    return Context.getProcessEngineConfiguration()
        .getExpressionManager()
        .createExpression("${" + bean + "}")
        .getValue(scope);
  }
}
