package io.pilotlaunch.notifications;

import io.pilotlaunch.process.ConfigurationLists;
import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Elements;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Turns the engine's events into notices, in the engine's transaction: listeners added to every
 * pilot process as it is deployed or loaded (so a task drawn in Modeler notifies too), and the
 * failed-job incident handler. Nothing in the model names them.
 */
@Component
@ConditionalOnProperty(name = "pilot.notifications.enabled", havingValue = "true")
class EngineEvents extends AbstractProcessEnginePlugin {

  /** The gateways that end a phase or a checklist: their flow to a user task means "blocked". */
  static final Set<String> EXIT_GATEWAYS =
      Set.of(
          Elements.GATEWAY_PRE_CHECKLIST_COMPLETE,
          Elements.GATEWAY_TENANT_READY_FOR_PILOT,
          Elements.GATEWAY_PILOT_RUNS_CLEAN,
          Elements.GATEWAY_MVP_PILOT_ACCEPTED,
          Elements.GATEWAY_MILESTONE_REVIEW_PASSED);

  private final Notices notices;

  /** Lazy: the notices read the engine's users, and the engine needs this plugin first. */
  EngineEvents(@Lazy Notices notices) {
    this.notices = notices;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCustomPostBPMNParseListeners(
        ConfigurationLists.withAdded(
            configuration.getCustomPostBPMNParseListeners(), new PilotParseListener()));
    configuration.setCustomIncidentHandlers(
        ConfigurationLists.<IncidentHandler>withAdded(
            configuration.getCustomIncidentHandlers(), new NotifyingFailedJobHandler()));
  }

  private static boolean isPilot(ScopeImpl scope) {
    return scope.getProcessDefinition() instanceof ProcessDefinitionEntity definition
        && MvpPilotLaunchProcess.PROCESS_ID.equals(definition.getKey());
  }

  private class PilotParseListener extends AbstractBpmnParseListener {

    private final TaskListener created =
        task -> {
          List<String> groups = new ArrayList<>();
          task.getCandidates().stream()
              .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
              .filter(link -> link.getGroupId() != null)
              .forEach(link -> groups.add(link.getGroupId()));
          notices.taskAvailable(task, groups);
        };

    private final TaskListener assigned =
        task -> {
          String assignee = task.getAssignee();
          if (assignee != null && !assignee.equals(currentUser(task))) {
            notices.taskAssigned(task, assignee);
          }
        };

    private final ExecutionListener blocked = notices::pilotBlocked;

    private final ExecutionListener ended =
        execution -> {
          if (isAborted(execution)) {
            notices.pilotAborted(execution);
          } else {
            notices.pilotCompleted(execution);
          }
        };

    @Override
    public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
      if (isPilot(scope) && activity.getActivityBehavior() instanceof UserTaskActivityBehavior u) {
        u.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_CREATE, created);
        u.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, assigned);
      }
    }

    @Override
    public void parseSequenceFlow(Element element, ScopeImpl scope, TransitionImpl transition) {
      if (isPilot(scope)
          && EXIT_GATEWAYS.contains(transition.getSource().getId())
          && transition.getDestination().getActivityBehavior()
              instanceof UserTaskActivityBehavior) {
        transition.addListener(ExecutionListener.EVENTNAME_TAKE, blocked);
      }
    }

    @Override
    public void parseProcess(
        Element element, org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity p) {
      if (MvpPilotLaunchProcess.PROCESS_ID.equals(p.getKey())) {
        p.addListener(ExecutionListener.EVENTNAME_END, ended);
      }
    }
  }

  /** As the pilot's own run record decides it (PilotRunListeners). */
  private static boolean isAborted(DelegateExecution execution) {
    return execution.isCanceled()
        || execution.getVariable(Variables.ABORT_REASON) != null
        || Elements.END_EVENT_PILOT_ABORTED.equals(execution.getCurrentActivityId());
  }

  private static String currentUser(DelegateTask task) {
    var authentication =
        task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }

  /** The engine's own handler for failed jobs, which also tells the pilot's operators. */
  private class NotifyingFailedJobHandler extends DefaultIncidentHandler {

    NotifyingFailedJobHandler() {
      super(Incident.FAILED_JOB_HANDLER_TYPE);
    }

    @Override
    public Incident handleIncident(IncidentContext context, String message) {
      Incident incident = super.handleIncident(context, message);
      notices.incidentOpened(incident);
      return incident;
    }
  }
}
