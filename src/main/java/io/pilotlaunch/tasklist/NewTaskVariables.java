package io.pilotlaunch.tasklist;

import java.lang.reflect.Method;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.core.variable.scope.VariableCollectionProvider;
import org.camunda.bpm.engine.impl.core.variable.scope.VariableStore;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * A task being created has no variables in the database yet, but the engine does not know that: the
 * first variable its create listener reads or writes makes it select the task's variables, one
 * statement per task created, for nothing (a new execution is told it has none; a new task is not).
 * Its variable store can only be reached through a protected method.
 */
final class NewTaskVariables {

  private static final Method VARIABLE_STORE = variableStoreAccessor();

  private NewTaskVariables() {}

  /**
   * Called by a create listener: the task has none stored. If something read or wrote its variables
   * before, the store already holds them and keeps them.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static void noneStoredYet(DelegateTask task) {
    if (!(task instanceof TaskEntity entity)) {
      return;
    }
    try {
      VariableStore store = (VariableStore) VARIABLE_STORE.invoke(entity);
      store.setVariablesProvider(VariableCollectionProvider.emptyVariables());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("The engine's task variable store cannot be reached", e);
    }
  }

  private static Method variableStoreAccessor() {
    try {
      Method method = TaskEntity.class.getDeclaredMethod("getVariableStore");
      method.setAccessible(true);
      return method;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("Camunda's TaskEntity has no getVariableStore()", e);
    }
  }
}
