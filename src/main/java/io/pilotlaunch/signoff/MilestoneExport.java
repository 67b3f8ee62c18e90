package io.pilotlaunch.signoff;

import io.pilotlaunch.api.HumanTime;
import io.pilotlaunch.onboarding.OnboardingAudit;
import io.pilotlaunch.operations.PilotIssues;
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
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
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

  /**
   * One completion of a checklist element, as the annotation under its box says it, with the
   * comments its team left on the task in Tasklist.
   */
  record Outcome(boolean positive, String text, List<String> comments) {
    Outcome(boolean positive, String text) {
      this(positive, text, List.of());
    }
  }

  /** The engine's id suffix for the activity that holds all instances of a multi-instance one. */
  private static final String MULTI_INSTANCE_BODY = "#multiInstanceBody";

  /** A decision as a sentence begins. */
  private static final Map<String, String> DECISIONS =
      Map.of(
          "approve", "Approved",
          "reject", "Rejected",
          "signOff", "Signed off",
          "signOffWithConditions", "Signed off with conditions");

  private final HistoryService historyService;
  private final PilotHistory history;
  private final RepositoryService repositoryService;
  private final OnboardingAudit audit;
  private final TaskService taskService;
  private final PilotIssues issues;
  private final String document;

  public MilestoneExport(
      HistoryService historyService,
      PilotHistory history,
      RepositoryService repositoryService,
      OnboardingAudit audit,
      TaskService taskService,
      PilotIssues issues) {
    this.historyService = historyService;
    this.history = history;
    this.repositoryService = repositoryService;
    this.audit = audit;
    this.taskService = taskService;
    this.issues = issues;
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
      if (outcomes.isEmpty() && !negativeOrOpen) {
        nothingToDo(run, carriers, box.get()).ifPresent(outcomes::add);
      }
      boolean ticked = !outcomes.isEmpty() && !negativeOrOpen;
      out.append(ticked ? "- [x] " : "- [ ] ").append(text).append('\n');
      for (Outcome outcome : outcomes) {
        out.append("  - ").append(outcome.text()).append('\n');
        outcome.comments().forEach(comment -> out.append("  - ").append(comment).append('\n'));
      }
    }
    return out.substring(0, out.length() - 1);
  }

  /**
   * A box whose work happens once per reported issue, feedback item or kept enhancement candidate
   * had nothing to do when none needed it: it is ticked with the reason once that step has passed.
   */
  private Optional<Outcome> nothingToDo(
      PilotRun run, Collection<FlowNode> carriers, MilestoneDocument.Box box) {
    List<FlowNode> ofBox =
        carriers.stream().filter(carrier -> MilestoneDocument.carries(carrier, box)).toList();
    if (ofBox.isEmpty()) {
      return Optional.empty();
    }
    boolean adrsPassedWithoutCandidates =
        ofBox.stream()
            .anyMatch(
                carrier ->
                    Elements.TASK_OPEN_ENHANCEMENT_ADRS.equals(carrier.getId())
                        && !finished(run.processInstanceId(), carrier.getId() + MULTI_INSTANCE_BODY)
                            .isEmpty());
    if (adrsPassedWithoutCandidates) {
      return Optional.of(
          new Outcome(true, "Nothing to do: no enhancement candidate was kept for an ADR"));
    }
    List<String> eventSubProcesses =
        ofBox.stream().map(MilestoneExport::eventSubProcessOf).distinct().toList();
    Optional<String> eventSubProcess =
        eventSubProcesses.size() == 1 ? Optional.of(eventSubProcesses.get(0)) : Optional.empty();
    if (eventSubProcess.isEmpty()
        || finished(run.processInstanceId(), Elements.SUB_PROCESS_PHASE2_PILOT_EXECUTION)
            .isEmpty()) {
      return Optional.empty();
    }
    return switch (eventSubProcess.get()) {
      case Elements.SUB_PROCESS_PILOT_ISSUE -> {
        int reported = issues.ofRun(run.id()).size();
        yield Optional.of(
            new Outcome(
                true,
                "Nothing to do: no fixes needed, "
                    + reported
                    + (reported == 1 ? " issue" : " issues")
                    + " reported"
                    + (reported == 0 ? "" : ", none approved for a fix")));
      }
      case Elements.SUB_PROCESS_PILOT_FEEDBACK ->
          Optional.of(new Outcome(true, "Nothing to do: no pilot feedback received"));
      default -> Optional.empty();
    };
  }

  /** The id of the event subprocess that holds the element, or "" for none. */
  private static String eventSubProcessOf(FlowNode node) {
    for (ModelElementInstance element = node.getParentElement();
        element != null;
        element = element.getParentElement()) {
      if (element instanceof SubProcess subProcess && subProcess.triggeredByEvent()) {
        return subProcess.getId();
      }
    }
    return "";
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
    annotations.add(
        "Aborted on " + HumanTime.when(run.endedAt()) + ": " + MarkdownText.inline(reason));
    audit.of(run.tenantId()).stream()
        .filter(entry -> run.processInstanceId().equals(entry.processInstanceId()))
        .filter(entry -> entry.action().endsWith("_REMOVED"))
        .forEach(
            entry ->
                annotations.add(
                    "Rolled back "
                        + entry.action()
                        + " on "
                        + HumanTime.when(entry.performedAt())
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
                    "Rollback confirmed by "
                        + MarkdownText.inline(who(task))
                        + " on "
                        + HumanTime.when(instant(task.getEndTime()))));
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
          .map(
              reached ->
                  new Outcome(true, "Met on " + HumanTime.when(instant(reached.getStartTime()))))
          .toList();
    }
    return finished(processInstanceId, carrier.getId()).stream()
        .map(
            done ->
                new Outcome(
                    true, "Done automatically on " + HumanTime.when(instant(done.getEndTime()))))
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
              "Pull request merged on "
                  + HumanTime.when(instant(task.getEndTime()))
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
                    ? DECISIONS.getOrDefault(decision.toString(), decision.toString())
                    : done == null ? "Completed" : Boolean.TRUE.equals(done) ? "Done" : "Not done")
            + " by "
            + MarkdownText.inline(who(task))
            + " on "
            + HumanTime.when(instant(task.getEndTime())));
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
    List<String> comments =
        taskService.getTaskComments(task.getId()).stream()
            .map(
                comment ->
                    "Comment by "
                        + MarkdownText.inline(
                            comment.getUserId() == null ? "unknown" : comment.getUserId())
                        + " on "
                        + HumanTime.when(instant(comment.getTime()))
                        + ": "
                        + MarkdownText.inline(comment.getFullMessage()))
            .toList();
    return new Outcome(positive, String.join("; ", parts), comments);
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
