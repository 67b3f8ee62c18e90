package io.pilotlaunch.signoff;

import io.pilotlaunch.onboarding.OnboardingAudit;
import io.pilotlaunch.pilot.PilotHistory;
import io.pilotlaunch.pilot.PilotRuns.PilotRun;
import io.pilotlaunch.pilot.RunStatus;
import io.pilotlaunch.process.MilestoneDocument;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Elements;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;

/**
 * The milestone document with each box ticked whose element completed, each followed by who, when,
 * the decision and the evidence, and its "Status:" line set to the pilot's milestone status.
 * Nothing else of the document changes, so a diff shows ticks, status and annotations only.
 */
@Service
public class MilestoneExport {

  static final String DOCUMENT = "milestones/m6-mvp-pilot-launch.md";
  private static final Set<String> APPROVALS =
      Set.of("approve", "signOff", "signOffWithConditions");

  /** Fields that hold an address: links when they are web addresses, text otherwise. */
  private static final Set<String> LINKS = Set.of("evidenceLink", "adrLink");

  /** One completion of a checklist element, as the annotation under its box says it. */
  record Outcome(boolean positive, String text) {}

  private final HistoryService historyService;
  private final PilotHistory history;
  private final RepositoryService repositoryService;
  private final OnboardingAudit audit;
  private final String document;

  public MilestoneExport(
      HistoryService historyService,
      PilotHistory history,
      RepositoryService repositoryService,
      OnboardingAudit audit) {
    this.historyService = historyService;
    this.history = history;
    this.repositoryService = repositoryService;
    this.audit = audit;
    try (InputStream in = new ClassPathResource(DOCUMENT).getInputStream()) {
      this.document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "The milestone document " + DOCUMENT + " is not on the class path", e);
    }
  }

  public String export(PilotRun run) {
    String definitionId =
        historyService
            .createHistoricProcessInstanceQuery()
            .processInstanceId(run.processInstanceId())
            .singleResult()
            .getProcessDefinitionId();
    BpmnModelInstance model = repositoryService.getBpmnModelInstance(definitionId);
    Collection<FlowNode> carriers =
        model.getModelElementsByType(FlowNode.class).stream()
            .filter(node -> MilestoneDocument.checklistItem(node) != null)
            .toList();

    StringBuilder out = new StringBuilder();
    String section = "";
    for (String line : document.split("\n", -1)) {
      section = MilestoneDocument.sectionAfter(section, line);
      if (line.startsWith("- Status: ")) {
        out.append("- Status: ").append(run.milestoneStatus()).append('\n');
        abortAnnotations(run)
            .forEach(annotation -> out.append("  - ").append(annotation).append('\n'));
        continue;
      }
      Optional<MilestoneDocument.Box> box = MilestoneDocument.box(section, line);
      if (box.isEmpty()) {
        out.append(line).append('\n');
        continue;
      }
      String text = box.get().text();
      // Ticked when some element of the line completed, none ended negative (a rejection not yet
      // redone) and none is still open: all four sign-offs, either fix track.
      List<Outcome> outcomes = new ArrayList<>();
      boolean negativeOrOpen = false;
      for (FlowNode carrier : carriers) {
        if (MilestoneDocument.carries(carrier, box.get())) {
          List<Outcome> ofCarrier = outcomes(run.processInstanceId(), carrier);
          outcomes.addAll(ofCarrier);
          negativeOrOpen |=
              (!ofCarrier.isEmpty() && !ofCarrier.get(ofCarrier.size() - 1).positive())
                  || isOpen(run.processInstanceId(), carrier);
        }
      }
      boolean ticked = !outcomes.isEmpty() && !negativeOrOpen;
      out.append(ticked ? "- [x] " : "- [ ] ").append(text).append('\n');
      for (Outcome outcome : outcomes) {
        out.append("  - ").append(outcome.text()).append('\n');
      }
    }
    return out.substring(0, out.length() - 1);
  }

  /** An aborted pilot says why, what was rolled back, and who confirmed it. */
  private List<String> abortAnnotations(PilotRun run) {
    if (run.status() != RunStatus.ABORTED) {
      return List.of();
    }
    List<String> annotations = new ArrayList<>();
    Object reason =
        history
            .variables(run.processInstanceId(), Variables.ABORT_REASON)
            .getOrDefault(Variables.ABORT_REASON, "no reason recorded");
    annotations.add("aborted at " + run.endedAt() + ": " + MarkdownText.inline(reason));
    audit.of(run.tenantId()).stream()
        .filter(entry -> run.processInstanceId().equals(entry.processInstanceId()))
        .filter(entry -> entry.action().endsWith("_REMOVED"))
        .forEach(
            entry ->
                annotations.add(
                    "rollback "
                        + entry.action()
                        + " at "
                        + entry.performedAt()
                        + ": "
                        + MarkdownText.inline(entry.detail())));
    historyService
        .createHistoricTaskInstanceQuery()
        .processInstanceId(run.processInstanceId())
        .taskDefinitionKey(Elements.TASK_CONFIRM_ROLLBACK_COMPLETE)
        .finished()
        .list()
        .forEach(
            task ->
                annotations.add(
                    "rollback confirmed by "
                        + MarkdownText.inline(who(task))
                        + " at "
                        + instant(task.getEndTime())));
    return annotations;
  }

  private List<Outcome> outcomes(String processInstanceId, FlowNode carrier) {
    if (carrier instanceof UserTask) {
      return historyService
          .createHistoricTaskInstanceQuery()
          .processInstanceId(processInstanceId)
          .taskDefinitionKey(carrier.getId())
          .finished()
          .orderByHistoricTaskInstanceEndTime()
          .asc()
          .list()
          .stream()
          .map(this::taskOutcome)
          .filter(Objects::nonNull)
          .toList();
    }
    if (carrier instanceof ExclusiveGateway gateway) {
      // An exit criterion is met when its gateway's "yes" was taken.
      return gateway.getOutgoing().stream()
          .filter(flow -> "yes".equals(flow.getName()))
          .map(SequenceFlow::getTarget)
          .flatMap(target -> finished(processInstanceId, target.getId()).stream())
          .map(reached -> new Outcome(true, "met at " + instant(reached.getStartTime())))
          .toList();
    }
    return finished(processInstanceId, carrier.getId()).stream()
        .map(done -> new Outcome(true, "done automatically at " + instant(done.getEndTime())))
        .toList();
  }

  /**
   * A completed task, or one its pull request's merge closed (the webhook's message interrupts it);
   * null for a task cancelled otherwise, as by an abort.
   */
  private Outcome taskOutcome(HistoricTaskInstance task) {
    Map<String, Object> captured =
        historyService
            .createHistoricVariableInstanceQuery()
            .activityInstanceIdIn(task.getActivityInstanceId())
            .list()
            .stream()
            .filter(variable -> variable.getValue() != null)
            .collect(
                Collectors.toMap(
                    HistoricVariableInstance::getName,
                    HistoricVariableInstance::getValue,
                    (a, b) -> a));
    if (!"completed".equals(task.getDeleteReason())) {
      Object pullRequest = captured.get(Variables.PULL_REQUEST_URL);
      return pullRequest == null
          ? null
          : new Outcome(
              true,
              "pull request merged at "
                  + instant(task.getEndTime())
                  + "; evidence: "
                  + MarkdownText.link(pullRequest));
    }
    Object decision = captured.get("decision");
    Object done = captured.get("done");
    boolean positive =
        decision != null ? APPROVALS.contains(decision.toString()) : !Boolean.FALSE.equals(done);
    List<String> parts = new ArrayList<>();
    parts.add(
        MarkdownText.inline(
                decision != null
                    ? decision
                    : done == null ? "completed" : Boolean.TRUE.equals(done) ? "done" : "not done")
            + " by "
            + MarkdownText.inline(who(task))
            + " at "
            + instant(task.getEndTime()));
    for (String field :
        List.of(
            "rejectionReason", "conditions", "comment", "evidenceLink", "adrTitle", "adrLink")) {
      Object value = captured.get(field);
      if (value != null && !value.toString().isBlank()) {
        parts.add(
            label(field)
                + ": "
                + (LINKS.contains(field) ? MarkdownText.link(value) : MarkdownText.inline(value)));
      }
    }
    return new Outcome(positive, String.join("; ", parts));
  }

  /** The assignee; for a task completed without a claim, the user the operation log names. */
  private String who(HistoricTaskInstance task) {
    if (task.getAssignee() != null) {
      return task.getAssignee();
    }
    return historyService
        .createUserOperationLogQuery()
        .taskId(task.getId())
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE)
        .list()
        .stream()
        .map(UserOperationLogEntry::getUserId)
        .filter(Objects::nonNull)
        .findFirst()
        .orElse("unknown");
  }

  private boolean isOpen(String processInstanceId, FlowNode carrier) {
    return carrier instanceof UserTask
        && historyService
                .createHistoricTaskInstanceQuery()
                .processInstanceId(processInstanceId)
                .taskDefinitionKey(carrier.getId())
                .unfinished()
                .count()
            > 0;
  }

  private List<HistoricActivityInstance> finished(String processInstanceId, String activityId) {
    return historyService
        .createHistoricActivityInstanceQuery()
        .processInstanceId(processInstanceId)
        .activityId(activityId)
        .finished()
        .list()
        .stream()
        .filter(a -> !a.isCanceled())
        .toList();
  }

  private static String label(String field) {
    return switch (field) {
      case "rejectionReason" -> "reason";
      case "evidenceLink" -> "evidence";
      case "adrTitle" -> "ADR";
      case "adrLink" -> "ADR link";
      default -> field;
    };
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
