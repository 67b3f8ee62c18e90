package io.pilotlaunch.tasklist;

import io.pilotlaunch.milestones.MilestoneDefinitions;
import io.pilotlaunch.operations.IssueView;
import io.pilotlaunch.operations.PilotIssues;
import io.pilotlaunch.operations.Severities;
import io.pilotlaunch.pilot.PilotRuns;
import io.pilotlaunch.pilot.PilotWindow;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Elements;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import io.pilotlaunch.process.Phase;
import io.pilotlaunch.process.PostMvpEnhancementsProcess;
import io.pilotlaunch.roadmap.Roadmap;
import io.pilotlaunch.signoff.MarkdownText;
import io.pilotlaunch.signoff.PilotSummaries;
import io.pilotlaunch.web.HumanTime;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricVariableInstanceEntity;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Makes every task of a pilot say what it is about where the task list shows it: its name carries
 * the tenant (and the issue, for the issue tasks: "Triage SUP-103 (critical) — acme"), its priority
 * follows the issue's severity, and its due date comes from the pilot window or the issue's
 * resolution SLA. The tasks of an issue show the issue itself in their read-only details.
 *
 * <p>Due dates: the pre-checklist and onboarding are due when the pilot starts, Phase 2's reviews
 * and feedback when it ends, the sign-off and the milestone review {@link #SIGN_OFF_TIME} after it
 * ends; triage keeps the model's response SLA, the other issue tasks are due by the resolution SLA.
 * No task is born overdue: one created on or after that date is due {@code pilot.task-due-grace}
 * (two days unless configured) after it is created.
 *
 * <p>Each task leads with its work: its guide ({@link TaskDescriptions}: what to do, why, which
 * evidence) and the pilot in one line (section, tenant, environment and region, the window as days,
 * branch, links) are the form variable {@link Variables#TASK_GUIDE}, computed when the form is read
 * ({@link #guide}); the plain guide is the task's description.
 */
@Component
public class TaskContext implements TaskListener {

  /** How long after the pilot window the sign-off and the milestone review are due. */
  static final Duration SIGN_OFF_TIME = Duration.ofDays(7);

  /** The read-only text that the checklist, review and sign-off forms show. */
  static final String DETAILS = "details";

  /** A task's branch and PR target (input mappings). */
  private static final String BRANCH = "branch";

  private static final String COMMENT = "comment";

  /** The output mapping that copies an item's result: its own {@code done} field. */
  private static final String DONE_OF_THE_ITEM = "${execution.getVariableLocal('done')}";

  private static final String PR_TARGET = "prTarget";

  private static final Set<Phase> SIGNING_OFF = Set.of(Phase.EXIT, Phase.MILESTONE_REVIEW);

  private static final Set<String> FIX_TASKS =
      Set.of(Elements.TASK_APPLY_FIX_BACKEND, Elements.TASK_APPLY_FIX_FRONTEND);

  private final PilotIssues issues;
  private final PilotRuns runs;
  private final PilotSummaries summaries;
  private final PilotWindow window;
  private final Clock clock;
  private final Duration dueGrace;
  private final HumanTime humanTime;
  private final Severities severities;
  private final MilestoneDefinitions milestones;
  private final Roadmap roadmap;

  /** The tasks that check the roadmap index, of every milestone: their guide shows it as it is. */
  private static final Set<String> ROADMAP_TASKS =
      Set.of(
          Elements.TASK_CONFIRM_ROADMAP_STATUS,
          Elements.TASK_CONFIRM_ARTIFACTS_MATCH_ROADMAP,
          PostMvpEnhancementsProcess.Elements.TASK_CONFIRM_ROADMAP_STATUS,
          PostMvpEnhancementsProcess.Elements.TASK_CONFIRM_ARTIFACTS_MATCH_ROADMAP);

  public TaskContext(
      PilotIssues issues,
      PilotRuns runs,
      PilotSummaries summaries,
      PilotWindow window,
      Clock clock,
      @Value("${pilot.task-due-grace:P2D}") Duration dueGrace,
      HumanTime humanTime,
      Severities severities,
      MilestoneDefinitions milestones,
      Roadmap roadmap) {
    this.issues = issues;
    this.runs = runs;
    this.summaries = summaries;
    this.window = window;
    this.clock = clock;
    this.dueGrace = dueGrace;
    this.humanTime = humanTime;
    this.severities = severities;
    this.milestones = milestones;
    this.roadmap = roadmap;
  }

  @Override
  public void notify(DelegateTask task) {
    NewTaskVariables.noneStoredYet(task);
    String tenantId = text(task, Variables.TENANT_ID);
    String key = task.getTaskDefinitionKey();
    // An issue's payload may also lie in the pilot's own variables (the last one reported): only
    // a task of an issue's subprocess is about an issue.
    boolean ofAnIssue = within(task, Elements.SUB_PROCESS_PILOT_ISSUE);
    String issueId = ofAnIssue ? text(task, Variables.ISSUE_ID) : null;
    String severity = ofAnIssue ? text(task, Variables.ISSUE_SEVERITY) : null;
    // Triage has its due date from the model and shows the issue in its own form: no lookup.
    Optional<IssueView> issue =
        issueId == null || tenantId == null || Elements.TASK_TRIAGE_PILOT_ISSUE.equals(key)
            ? Optional.empty()
            : issues.find(tenantId, issueId);

    List<String> notDone =
        Elements.TASK_RESOLVE_PRE_CHECKLIST_DRIFT.equals(key) ? itemsNotDone(task) : List.of();
    task.setName(
        notDone.isEmpty()
            ? name(task, key, issueId, severity, tenantId)
            : task.getName()
                + ": "
                + notDone.size()
                + (notDone.size() == 1 ? " item" : " items")
                + " not done"
                + (tenantId == null ? "" : " — " + tenantId));
    if (!notDone.isEmpty()) {
      task.setVariableLocal(
          DETAILS,
          "Not done; only these are checked again once the drift is resolved:\n"
              + String.join("\n", notDone));
    }
    TaskDescriptions.of(key, text(task, Variables.CHECKLIST_ITEM_ID))
        .ifPresent(guide -> task.setDescription(guide.plain()));
    task.setVariableLocal(Variables.TASK_TENANT, tenantId);
    task.setVariableLocal(Variables.TASK_ENVIRONMENT, text(task, Variables.ENVIRONMENT));
    task.setPriority(severities.taskPriority(severity));
    if (task.getDueDate() == null) {
      due(task, issue).map(this::notYetPast).ifPresent(when -> task.setDueDate(Date.from(when)));
    }
    if (issue.isPresent() && text(task, DETAILS) == null) {
      task.setVariableLocal(DETAILS, issueDetails(task, issue.get()));
    } else if (text(task, DETAILS) == null
        && tenantId != null
        && phaseOf(task).filter(SIGNING_OFF::contains).isPresent()
        && !judgesOthersWork(task)) {
      task.setVariableLocal(DETAILS, signOffDetails(task, tenantId));
    }
  }

  private static String name(
      DelegateTask task, String key, String issueId, String severity, String tenantId) {
    String suffix = tenantId == null ? "" : " — " + tenantId;
    if (issueId == null) {
      String feedbackId = text(task, Variables.FEEDBACK_ID);
      return Elements.TASK_CATEGORIZE_PILOT_FEEDBACK.equals(key)
              && within(task, Elements.SUB_PROCESS_PILOT_FEEDBACK)
              && feedbackId != null
          ? "Categorize feedback " + feedbackId + suffix
          : task.getName() + suffix;
    }
    String issue = issueId + " (" + severity + ")";
    return switch (key) {
      case Elements.TASK_TRIAGE_PILOT_ISSUE -> "Triage " + issue + suffix;
      case Elements.TASK_ESCALATE_PILOT_ISSUE ->
          "Escalate " + issue + ": response SLA passed" + suffix;
      case Elements.TASK_APPLY_FIX_BACKEND -> "Fix " + issue + " in the backend" + suffix;
      case Elements.TASK_APPLY_FIX_FRONTEND -> "Fix " + issue + " in the frontend" + suffix;
      case Elements.TASK_REVIEW_AND_TEST_FIX -> "Review and test the fix of " + issue + suffix;
      default -> task.getName() + " — " + issueId + suffix;
    };
  }

  private static Optional<Instant> due(DelegateTask task, Optional<IssueView> issue) {
    if (issue.isPresent()) {
      return Optional.of(issue.get().resolutionDueAt());
    }
    Optional<Phase> phase = phaseOf(task);
    if (phase.isEmpty()) {
      return Optional.empty();
    }
    Optional<Instant> start = instant(task, Variables.PILOT_START);
    Optional<Instant> end = instant(task, Variables.PILOT_END);
    return switch (phase.get()) {
      case PRE_CHECKLIST, ONBOARDING -> start;
      case EXECUTION -> end;
      case EXIT, MILESTONE_REVIEW -> end.map(when -> when.plus(SIGN_OFF_TIME));
    };
  }

  /** The due date, unless it has passed: then the grace period from now. */
  private Instant notYetPast(Instant due) {
    Instant now = clock.instant();
    return due.isAfter(now) ? due : now.plus(dueGrace);
  }

  /**
   * What the task of that key asks (what to do, why, which evidence) and the pilot in one line, as
   * Markdown: the form variable {@link Variables#TASK_GUIDE}, which the forms show at their top.
   * Computed when a form is read ({@link GuideFormVariable}) from the variables the task sees,
   * never stored.
   */
  String guide(UserTask task, Function<String, Object> variables) {
    return TaskDescriptions.of(task.getId(), text(variables, Variables.CHECKLIST_ITEM_ID))
            .map(guide -> guide.markdown() + "\n\n")
            .orElse("")
        + (ROADMAP_TASKS.contains(task.getId())
            ? "**The roadmap index now** ([/roadmap](/roadmap)):\n\n" + roadmap.asMarkdown() + "\n"
            : "")
        + contextLine(
            section(task), documentQuery(task), variables, text(variables, Variables.TENANT_ID));
  }

  /**
   * How the pilot's page is asked for the document of the task's milestone: nothing for the pilot's
   * own, {@code ?milestone=<id>} for one its run started.
   */
  private String documentQuery(UserTask task) {
    ModelElementInstance scope = task;
    while (scope != null && !(scope instanceof Process)) {
      scope = scope.getParentElement();
    }
    return scope == null
        ? ""
        : milestones
            .byProcessKey(((Process) scope).getId())
            .filter(milestone -> !milestone.equals(milestones.ofPilots()))
            .map(milestone -> "?milestone=" + milestone.id())
            .orElse("");
  }

  /** The part of the milestone document that holds the task: its outermost subprocess. */
  private static String section(UserTask task) {
    return Phase.enclosing(task)
        .reduce((inner, outer) -> outer)
        .map(SubProcess::getName)
        .orElse(null);
  }

  /**
   * The pilot in one line of Markdown: section, tenant, environment and region, the window as
   * people read it, the branch and its target, and links to the milestone document and all pilots.
   * The tenant's name is the one value a person typed freely: it is escaped to plain text. The
   * others come from the model or were checked at the start (ids, configured environments and
   * regions).
   */
  private String contextLine(
      String section, String documentQuery, Function<String, Object> variables, String tenantId) {
    List<String> parts = new ArrayList<>();
    Optional.ofNullable(section).ifPresent(parts::add);
    if (tenantId != null) {
      String name = text(variables, Variables.TENANT_NAME);
      parts.add(
          "**"
              + tenantId
              + "**"
              + (name == null || name.isBlank() || name.equals(tenantId)
                  ? ""
                  : " (" + MarkdownText.inline(name) + ")"));
    }
    String where =
        String.join(
            ", ",
            Stream.of(text(variables, Variables.ENVIRONMENT), text(variables, Variables.REGION))
                .filter(value -> value != null && !value.isBlank())
                .toList());
    if (!where.isEmpty()) {
      parts.add(where);
    }
    String start = text(variables, Variables.PILOT_START);
    String end = text(variables, Variables.PILOT_END);
    if (start != null && end != null) {
      parts.add("pilot window " + window.describe(start, end));
    }
    String branch = text(variables, BRANCH);
    if (branch != null && !branch.isBlank()) {
      String target = text(variables, PR_TARGET);
      parts.add("branch " + branch + (target == null || target.isBlank() ? "" : " into " + target));
    }
    if (tenantId != null) {
      parts.add(
          "[milestone document](/pilots/"
              + URLEncoder.encode(tenantId, StandardCharsets.UTF_8)
              + documentQuery
              + ") · [all pilots](/pilots)");
    }
    return String.join(" · ", parts);
  }

  /** Whether the subprocess of that id holds the task, at any depth. */
  private static boolean within(DelegateTask task, String subProcessId) {
    return Phase.within(task.getBpmnModelElementInstance(), subProcessId);
  }

  /** The section of the document whose subprocess holds the task, at any depth. */
  private static Optional<Phase> phaseOf(DelegateTask task) {
    return Phase.of(task.getBpmnModelElementInstance());
  }

  private String issueDetails(DelegateTask task, IssueView issue) {
    StringBuilder details =
        new StringBuilder()
            .append(issue.externalId())
            .append(" · ")
            .append(issue.severity())
            .append(" · ")
            .append(issue.component())
            .append("\nSummary: ")
            .append(issue.summary());
    String reported = text(task, Variables.ISSUE_DESCRIPTION);
    if (reported != null && !reported.isBlank()) {
      details.append("\nReported: ").append(reported);
    }
    String triage = text(task, Variables.ISSUE_TRIAGE_COMMENT);
    if (triage != null && !triage.isBlank()) {
      details.append("\nTriage comment: ").append(triage);
    }
    return details
        .append("\nResolve by: ")
        .append(humanTime.when(issue.resolutionDueAt()))
        .append(" (resolution SLA of a ")
        .append(issue.severity())
        .append(" issue)")
        .append(
            FIX_TASKS.contains(task.getTaskDefinitionKey()) ? "\nBranch: " + issue.fixBranch() : "")
        .toString();
  }

  /**
   * The items beside the drift task in its subprocess that are not marked done, each with the
   * comment its team gave: the model maps each item's {@code done} field to a pilot variable (read
   * from the model itself); the comment stays in the item's own scope, so it is read from history.
   */
  private static List<String> itemsNotDone(DelegateTask task) {
    List<UserTask> notDone = new ArrayList<>();
    ModelElementInstance scope = task.getBpmnModelElementInstance().getParentElement();
    for (UserTask item : scope.getChildElementsByType(UserTask.class)) {
      String done = outputOf(item, DONE_OF_THE_ITEM);
      if (!item.getId().equals(task.getTaskDefinitionKey())
          && done != null
          && !Boolean.TRUE.equals(task.getVariable(done))) {
        notDone.add(item);
      }
    }
    if (notDone.isEmpty()) {
      return List.of();
    }
    Map<String, Object> comments = lastComments(task);
    return notDone.stream()
        .map(
            item -> {
              Object said = comments.get(item.getId());
              return "- "
                  + item.getName()
                  + (said == null || said.toString().isBlank() ? "" : ": \u201c" + said + "\u201d");
            })
        .toList();
  }

  /**
   * The comment each task of the pilot was last completed with, by task key, from history: one
   * query, as the system (the team that completes an item may not read the pilot's history), and
   * the history of this very transaction (the item whose completion opens the drift), which is not
   * written yet. An activity instance id starts with its activity's id.
   */
  private static Map<String, Object> lastComments(DelegateTask task) {
    HistoryService history = task.getProcessEngineServices().getHistoryService();
    String pilot = task.getProcessInstanceId();
    CommandContext context = Context.getCommandContext();
    List<HistoricVariableInstance> comments =
        new ArrayList<>(
            context.runWithoutAuthorization(
                () ->
                    history
                        .createHistoricVariableInstanceQuery()
                        .processInstanceIdIn(pilot)
                        .variableName(COMMENT)
                        .list()));
    context
        .getDbEntityManager()
        .getCachedEntitiesByType(HistoricVariableInstanceEntity.class)
        .stream()
        .filter(comment -> pilot.equals(comment.getProcessInstanceId()))
        .filter(comment -> COMMENT.equals(comment.getName()))
        .forEach(comments::add);
    Map<String, Object> byTask = new HashMap<>();
    comments.stream()
        .filter(comment -> comment.getActivityInstanceId() != null)
        .sorted(
            Comparator.comparing(
                HistoricVariableInstance::getCreateTime,
                Comparator.nullsFirst(Comparator.naturalOrder())))
        .forEach(
            comment ->
                byTask.put(comment.getActivityInstanceId().split(":", 2)[0], comment.getValue()));
    return byTask;
  }

  /** The variable an item's output mapping writes from {@code expression}, or null. */
  private static String outputOf(UserTask item, String expression) {
    if (item.getExtensionElements() == null) {
      return null;
    }
    return item
        .getExtensionElements()
        .getElementsQuery()
        .filterByType(CamundaInputOutput.class)
        .list()
        .stream()
        .flatMap(io -> io.getCamundaOutputParameters().stream())
        .filter(output -> expression.equals(output.getTextContent().strip()))
        .map(CamundaOutputParameter::getCamundaName)
        .findFirst()
        .orElse(null);
  }

  /**
   * Reviews and sign-offs show what they judge, rendered, through {@link UnderReviewFormVariable};
   * the details text is for the checklist items beside them.
   */
  private static boolean judgesOthersWork(DelegateTask task) {
    UserTask element = task.getBpmnModelElementInstance();
    return element != null && UnderReviewFormVariable.FORMS.contains(element.getCamundaFormRef());
  }

  /** What a checklist item of Phase 3 and the milestone review works from. */
  private String signOffDetails(DelegateTask task, String tenantId) {
    StringBuilder details = new StringBuilder();
    Optional<PilotSummaries.Stored> summary =
        runs.findByProcessInstance(task.getProcessInstanceId()).flatMap(summaries::find);
    if (summary.isPresent() && summary.get().confirmedText() != null) {
      details
          .append("Pilot summary, confirmed by ")
          .append(summary.get().confirmedBy())
          .append(" on ")
          .append(humanTime.when(summary.get().confirmedAt()))
          .append(":\n")
          .append(summary.get().confirmedText().strip())
          .append("\n\n");
    } else {
      details.append("The pilot summary is not confirmed yet.\n\n");
    }
    details.append("Acceptance criteria (the exit criteria of the milestone):");
    for (Phase phase : Phase.values()) {
      details.append("\n- ").append(phase.title()).append(": ").append(phase.exitCriterion());
    }
    return details
        .append("\nOpen critical issues now: ")
        .append(issues.openCriticalCount(tenantId))
        .append("\n\nMilestone document: /pilots/")
        .append(tenantId)
        .append(" (as Markdown: /api/pilots/")
        .append(tenantId)
        .append("/milestone.md)")
        .toString();
  }

  private static Optional<Instant> instant(DelegateTask task, String name) {
    try {
      String value = text(task, name);
      return value == null ? Optional.empty() : Optional.of(Instant.parse(value));
    } catch (DateTimeParseException e) {
      return Optional.empty(); // a pilot started before the window was checked
    }
  }

  private static String text(DelegateTask task, String name) {
    return text(task::getVariable, name);
  }

  private static String text(Function<String, Object> variables, String name) {
    return variables.apply(name) instanceof String value ? value : null;
  }
}
