package io.pilotlaunch.notifications;

import io.pilotlaunch.notifications.NotificationOutbox.Message;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import io.pilotlaunch.web.HumanTime;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The engine's events in words, written to the outbox in the transaction that caused them: a
 * rolled-back command notifies nobody.
 */
@Component
@ConditionalOnProperty(name = "pilot.notifications.enabled", havingValue = "true")
class Notices {

  private final NotificationOutbox outbox;
  private final Addressees addressees;
  private final Links links;
  private final NotificationSettings settings;
  private final HumanTime humanTime;

  Notices(
      NotificationOutbox outbox,
      Addressees addressees,
      Links links,
      NotificationSettings settings,
      HumanTime humanTime) {
    this.outbox = outbox;
    this.addressees = addressees;
    this.links = links;
    this.settings = settings;
    this.humanTime = humanTime;
  }

  void taskAvailable(DelegateTask task, List<String> groups) {
    if (groups.isEmpty()) {
      return;
    }
    String tenant = tenantOf(task);
    Notice notice =
        new Notice(
            NotificationEvent.TASK_AVAILABLE,
            tenant,
            "Pilot " + tenant + ": " + task.getName(),
            "\""
                + task.getName()
                + "\" of pilot "
                + tenant
                + " waits for "
                + String.join(", ", groups)
                + due(task)
                + ".",
            List.of(links.task(task.getId()), links.pilot(tenant)));
    List<Message> messages = new ArrayList<>();
    groups.forEach(group -> messages.addAll(addressees.team(group, notice, null)));
    outbox.add(messages);
  }

  void taskAssigned(DelegateTask task, String assignee) {
    String tenant = tenantOf(task);
    Notice notice =
        new Notice(
            NotificationEvent.TASK_ASSIGNED,
            tenant,
            "Assigned to you: " + task.getName() + " (pilot " + tenant + ")",
            "\""
                + task.getName()
                + "\" of pilot "
                + tenant
                + " is assigned to you"
                + due(task)
                + ".",
            List.of(links.task(task.getId()), links.pilot(tenant)));
    outbox.add(addressees.user(assignee, notice));
  }

  void pilotBlocked(DelegateExecution execution) {
    String tenant = tenantOf(execution);
    // a take listener's model element is the flow taken
    SequenceFlow flow = (SequenceFlow) execution.getBpmnModelElementInstance();
    String gateway = flow.getSource().getName();
    String next = flow.getTarget().getName();
    Notice notice =
        new Notice(
            NotificationEvent.PILOT_BLOCKED,
            tenant,
            "Pilot " + tenant + " is blocked: " + gateway + " no",
            "Pilot " + tenant + " did not pass \"" + gateway + "\". Next: \"" + next + "\".",
            List.of(links.pilot(tenant)));
    outbox.add(addressees.teams(settings.pilotOwnerTeams(), notice));
  }

  void pilotAborted(DelegateExecution execution) {
    String tenant = tenantOf(execution);
    Object reason = execution.getVariable(Variables.ABORT_REASON);
    Notice notice =
        new Notice(
            NotificationEvent.PILOT_ABORTED,
            tenant,
            "Pilot " + tenant + " was aborted",
            "Pilot " + tenant + " was aborted" + (reason == null ? "." : ": " + reason),
            List.of(links.pilot(tenant)));
    outbox.add(addressees.teams(settings.pilotOwnerTeams(), notice));
  }

  void pilotCompleted(DelegateExecution execution) {
    String tenant = tenantOf(execution);
    Notice notice =
        new Notice(
            NotificationEvent.PILOT_COMPLETED,
            tenant,
            "Pilot " + tenant + " completed",
            "Pilot " + tenant + " passed its milestone review: Milestone 6 is complete.",
            List.of(links.pilot(tenant)));
    outbox.add(addressees.teams(settings.pilotOwnerTeams(), notice));
  }

  void incidentOpened(Incident incident) {
    String tenant = incident.getTenantId();
    if (tenant == null) {
      return;
    }
    Notice notice =
        new Notice(
            NotificationEvent.INCIDENT_OPENED,
            tenant,
            "Incident on pilot " + tenant + ": " + incident.getActivityId(),
            "Step "
                + incident.getActivityId()
                + " of pilot "
                + tenant
                + " failed and stopped: "
                + incident.getIncidentMessage()
                + "\nRetry it in Cockpit once the cause is fixed.",
            List.of(links.pilot(tenant)));
    outbox.add(addressees.teams(settings.incidentTeams(), notice));
  }

  private String due(DelegateTask task) {
    return task.getDueDate() == null
        ? ""
        : ", due " + humanTime.when(task.getDueDate().toInstant());
  }

  /** A pilot's tasks and executions carry its tenant; the business key is the same id. */
  private static String tenantOf(DelegateTask task) {
    return task.getTenantId() != null ? task.getTenantId() : tenantOf(task.getExecution());
  }

  private static String tenantOf(DelegateExecution execution) {
    if (execution.getTenantId() != null) {
      return execution.getTenantId();
    }
    Object tenant = execution.getVariable(Variables.TENANT_ID);
    return tenant != null ? tenant.toString() : execution.getProcessBusinessKey();
  }
}
