package io.pilotlaunch.process;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.BaseDelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateListener;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.ServiceTaskDelegateExpressionActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.listener.ClassDelegateExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.listener.DelegateExpressionExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.ExpressionManager;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.task.listener.ClassDelegateTaskListener;
import org.camunda.bpm.engine.impl.task.listener.DelegateExpressionTaskListener;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Model version m6-1.0.0, already deployed, names listener and delegate classes in this package
 * ({@code camunda:class}); they became beans in their features (ADR 0007). When the engine parses
 * such a model (at deployment, and when it reloads it after a restart), this parse listener makes
 * each of those names call its bean the way {@code camunda:delegateExpression} does, so pilots of
 * that version run on without a class of that name. Remove an entry once no pilot of the versions
 * naming it runs (README, "Changing the model").
 */
@Component
public class OldModelClassNames extends AbstractProcessEnginePlugin {

  private static final String OLD_PACKAGE = "io.pilotlaunch.process.";

  /** Class name in the old model → the bean that does its work today. */
  static final Map<String, String> BEANS =
      Map.of(
          OLD_PACKAGE + "TenantBusinessKeyListener",
          MvpPilotLaunchProcess.Beans.TENANT_BUSINESS_KEY_LISTENER,
          OLD_PACKAGE + "EnhancementCandidatesListener",
          MvpPilotLaunchProcess.Beans.ENHANCEMENT_CANDIDATES_LISTENER,
          OLD_PACKAGE + "OnboardingStateListener",
          MvpPilotLaunchProcess.Beans.ONBOARDING_STATE_LISTENER,
          OLD_PACKAGE + "PilotIssueScopeListener",
          MvpPilotLaunchProcess.Beans.PILOT_ISSUE_SCOPE_LISTENER,
          OLD_PACKAGE + "PilotFeedbackScopeListener",
          MvpPilotLaunchProcess.Beans.PILOT_FEEDBACK_SCOPE_LISTENER,
          OLD_PACKAGE + "StartPostMvpEnhancementsDelegate",
          MvpPilotLaunchProcess.Beans.START_POST_MVP_ENHANCEMENTS_DELEGATE);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new java.util.ArrayList<>());
    }
    configuration.getCustomPreBPMNParseListeners().add(new ToBeans(configuration));
  }

  private static final class ToBeans extends AbstractBpmnParseListener {

    private final ProcessEngineConfigurationImpl configuration;

    ToBeans(ProcessEngineConfigurationImpl configuration) {
      this.configuration = configuration;
    }

    @Override
    public void parseServiceTask(Element serviceTask, ScopeImpl scope, ActivityImpl activity) {
      String className = serviceTask.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "class");
      String bean = className == null ? null : BEANS.get(className); // Map.of refuses null keys
      if (bean != null) {
        activity.setActivityBehavior(
            new ServiceTaskDelegateExpressionActivityBehavior(expression(bean), List.of()));
      }
    }

    /** Called after the whole process is parsed: every scope's listeners are there. */
    @Override
    public void parseProcess(Element process, ProcessDefinitionEntity definition) {
      replaceListenersIn(definition);
    }

    private void replaceListenersIn(ScopeImpl scope) {
      for (List<DelegateListener<? extends BaseDelegateExecution>> listeners :
          scope.getListeners().values()) {
        listeners.replaceAll(
            listener ->
                listener instanceof ClassDelegateExecutionListener named
                        && BEANS.containsKey(named.getClassName())
                    ? new DelegateExpressionExecutionListener(
                        expression(BEANS.get(named.getClassName())), List.of())
                    : listener);
      }
      if (scope instanceof ActivityImpl activity
          && activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
        replaceTaskListenersOf(userTask.getTaskDefinition());
      }
      scope.getActivities().forEach(this::replaceListenersIn);
    }

    /**
     * Added again one by one: the task definition keeps a combined list of its listeners, which
     * only adding a listener brings up to date.
     */
    private void replaceTaskListenersOf(TaskDefinition task) {
      Map<String, List<TaskListener>> declared = new HashMap<>();
      task.getTaskListeners()
          .forEach((event, listeners) -> declared.put(event, List.copyOf(listeners)));
      boolean named =
          declared.values().stream()
              .flatMap(List::stream)
              .anyMatch(
                  listener ->
                      listener instanceof ClassDelegateTaskListener delegate
                          && BEANS.containsKey(delegate.getClassName()));
      if (!named) {
        return;
      }
      task.setTaskListeners(new HashMap<>());
      declared.forEach(
          (event, listeners) ->
              listeners.forEach(
                  listener ->
                      task.addTaskListener(
                          event,
                          listener instanceof ClassDelegateTaskListener delegate
                                  && BEANS.containsKey(delegate.getClassName())
                              ? new DelegateExpressionTaskListener(
                                  expression(BEANS.get(delegate.getClassName())), List.of())
                              : listener)));
    }

    private Expression expression(String bean) {
      ExpressionManager expressions = configuration.getExpressionManager();
      return expressions.createExpression("${" + bean + "}");
    }
  }
}
