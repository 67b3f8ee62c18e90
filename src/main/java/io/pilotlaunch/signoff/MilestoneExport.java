package io.pilotlaunch.signoff;

import io.pilotlaunch.milestones.MilestoneDefinition;
import io.pilotlaunch.milestones.MilestoneDefinitions;
import io.pilotlaunch.onboarding.OnboardingAudit;
import io.pilotlaunch.operations.IssueView;
import io.pilotlaunch.operations.PilotIssues;
import io.pilotlaunch.pilot.MilestoneStatus;
import io.pilotlaunch.pilot.PilotHistory;
import io.pilotlaunch.pilot.PilotRuns.PilotRun;
import io.pilotlaunch.pilot.RunStatus;
import io.pilotlaunch.process.MilestoneDocument;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Elements;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import io.pilotlaunch.process.Phase;
import io.pilotlaunch.process.PostMvpEnhancementsProcess;
import io.pilotlaunch.roadmap.DependencyOverrides;
import io.pilotlaunch.web.ApiException;
import io.pilotlaunch.web.HumanTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Service;

/**
 * A milestone's document with each box ticked whose element completed, each followed by who, when,
 * the decision and the evidence, its "Status:" line set to the run's milestone status and the
 * hand-off to the next milestone under its next step. The document is that of the run's process
 * ({@link MilestoneDefinitions}): the pilot's own (Milestone 6), or that of a milestone its run
 * started ({@link #export(PilotRun, String)}). Nothing else of the document changes, so a diff
 * shows ticks, status and annotations only. The same records, section by section, are what a review
 * or sign-off form shows ({@link #sections}).
 */
@Service
public class MilestoneExport {

  private static final Set<String> APPROVALS =
      Set.of("approve", "signOff", "signOffWithConditions");

  /** What a task's completion recorded, in the order its annotation says it. */
  private static final List<String> FIELDS =
      List.of("rejectionReason", "conditions", "comment", "evidenceLink", "adrTitle", "adrLink");

  /** Fields that hold an address: links when they are web addresses, text otherwise. */
  private static final Set<String> LINKS = Set.of("evidenceLink", "adrLink");

  /** The task-local variables an export reads: the decision, the fields, a merge's pull request. */
  private static final Set<String> CAPTURED =
      Stream.concat(Stream.of("decision", "done", Variables.PULL_REQUEST_URL), FIELDS.stream())
          .collect(Collectors.toUnmodifiableSet());

  /** The document's line that names the next milestone: the hand-off is annotated under it. */
  private static final String NEXT_STEP = "Proceed to [Milestone ";

  /**
   * The variable a milestone started by a pilot's run carries: the run's process instance id
   * ({@link StartPostMvpEnhancementsDelegate}).
   */
  static final String SOURCE_PROCESS_INSTANCE_ID =
      PostMvpEnhancementsProcess.Variables.SOURCE_PROCESS_INSTANCE_ID;

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
  private final MilestoneHandOff handOff;
  private final HumanTime humanTime;
  private final DependencyOverrides dependencyOverrides;
  private final MilestoneDefinitions definitions;
  private final Map<String, Map<MilestoneDocument.Box, List<FlowNode>>> carriersByDefinition =
      new ConcurrentHashMap<>();

  public MilestoneExport(
      HistoryService historyService,
      PilotHistory history,
      RepositoryService repositoryService,
      OnboardingAudit audit,
      TaskService taskService,
      PilotIssues issues,
      MilestoneHandOff handOff,
      HumanTime humanTime,
      DependencyOverrides dependencyOverrides,
      MilestoneDefinitions definitions) {
    this.historyService = historyService;
    this.history = history;
    this.repositoryService = repositoryService;
    this.audit = audit;
    this.taskService = taskService;
    this.issues = issues;
    this.handOff = handOff;
    this.humanTime = humanTime;
    this.dependencyOverrides = dependencyOverrides;
    this.definitions = definitions;
  }

  /** A ticked document and the milestone it is of. */
  public record Exported(MilestoneDefinition milestone, String document) {}

  /**
   * The ticked document of one milestone of the pilot, by id ({@code m7}): that of its run, or of
   * the milestone its run started (Milestone 7 from Milestone 6); without an id, its run's. Not
   * found: an id nobody registered, or a milestone the run has not started (or whose history is
   * gone).
   */
  public Exported export(PilotRun run, String milestoneId) {
    MilestoneDefinition own =
        definitions
            .byProcessKey(processKeyOf(run))
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "The history of pilot " + run.tenantId() + "'s run is gone"));
    if (milestoneId == null || milestoneId.equals(own.id())) {
      return new Exported(own, export(run));
    }
    MilestoneDefinition milestone =
        definitions
            .byId(milestoneId)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "Unknown milestone '"
                            + milestoneId
                            + "'; registered: "
                            + definitions.all().stream()
                                .map(MilestoneDefinition::id)
                                .collect(Collectors.joining(", "))));
    PilotRun started =
        startedBy(run, milestone)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "Pilot "
                            + run.tenantId()
                            + " has no run of "
                            + milestone.heading()
                            + ": its run has not started it (or its history is gone)"));
    return new Exported(milestone, export(started));
  }

  /**
   * The instance of the milestone's process that the run started, as a run of the same pilot: its
   * status is the instance's.
   */
  private Optional<PilotRun> startedBy(PilotRun run, MilestoneDefinition milestone) {
    return historyService
        .createHistoricProcessInstanceQuery()
        .processDefinitionKey(milestone.processKey())
        .tenantIdIn(run.tenantId())
        .variableValueEquals(SOURCE_PROCESS_INSTANCE_ID, run.processInstanceId())
        .orderByProcessInstanceStartTime()
        .desc()
        .list()
        .stream()
        .findFirst()
        .map(
            instance ->
                new PilotRun(
                    run.id(),
                    run.tenantId(),
                    instance.getId(),
                    runStatus(instance),
                    run.startedBy(),
                    instant(instance.getStartTime()),
                    instant(instance.getEndTime()),
                    milestoneStatus(instance)));
  }

  private static RunStatus runStatus(HistoricProcessInstance instance) {
    return switch (instance.getState()) {
      case HistoricProcessInstance.STATE_COMPLETED -> RunStatus.COMPLETED;
      case HistoricProcessInstance.STATE_ACTIVE, HistoricProcessInstance.STATE_SUSPENDED ->
          RunStatus.ACTIVE;
      default -> RunStatus.ABORTED;
    };
  }

  private static MilestoneStatus milestoneStatus(HistoricProcessInstance instance) {
    return switch (runStatus(instance)) {
      case ACTIVE -> MilestoneStatus.IN_PROGRESS;
      case COMPLETED -> MilestoneStatus.COMPLETED;
      case ABORTED -> MilestoneStatus.ABORTED;
    };
  }

  private String processKeyOf(PilotRun run) {
    HistoricProcessInstance instance =
        historyService
            .createHistoricProcessInstanceQuery()
            .processInstanceId(run.processInstanceId())
            .singleResult();
    return instance == null ? null : instance.getProcessDefinitionKey();
  }

  public String export(PilotRun run) {
    Records records = load(run, Detail.TEXT_AND_COMMENTS);
    StringBuilder out = new StringBuilder();
    String section = "";
    for (String line : records.definition.document().split("\n", -1)) {
      section = MilestoneDocument.sectionAfter(section, line);
      if (line.startsWith("- Status: ")) {
        out.append("- Status: ").append(run.milestoneStatus()).append('\n');
        abortAnnotations(run, records)
            .forEach(annotation -> out.append("  - ").append(annotation).append('\n'));
        continue;
      }
      if (MilestoneDefinition.isDependencyLine(line)) {
        out.append(line).append('\n');
        dependencyOverrides.of(run.processInstanceId()).stream()
            .map(this::startedAnyway)
            .forEach(annotation -> out.append("  - ").append(annotation).append('\n'));
        continue;
      }
      if (line.startsWith(NEXT_STEP)) {
        out.append(line).append('\n');
        handOff
            .of(run)
            .map(handOff::annotations)
            .orElse(List.of())
            .forEach(annotation -> out.append("  - ").append(annotation).append('\n'));
        continue;
      }
      Optional<MilestoneDocument.Box> box = MilestoneDocument.box(section, line);
      if (box.isEmpty()) {
        out.append(line).append('\n');
        continue;
      }
      Tick tick = tick(records, box.get());
      out.append(tick.ticked() ? "- [x] " : "- [ ] ").append(box.get().text()).append('\n');
      for (Outcome outcome : tick.outcomes()) {
        out.append("  - ").append(outcome.text()).append('\n');
        outcome.comments().forEach(comment -> out.append("  - ").append(comment).append('\n'));
      }
    }
    return out.substring(0, out.length() - 1);
  }

  /** Under the dependency line: the milestone owner started the pilot before it was met. */
  private String startedAnyway(DependencyOverrides.DependencyOverride override) {
    return "Started while "
        + override.dependencyName()
        + " was "
        + override.dependencyStatus()
        + ": overridden by "
        + override.overriddenBy()
        + " on "
        + humanTime.when(override.overriddenAt())
        + ": \u201c"
        + MarkdownText.inline(override.reason())
        + "\u201d";
  }

  /** How many of the document's boxes {@link #export} ticks, of how many. */
  public record Progress(int ticked, int boxes) {}

  /**
   * The ticked boxes of {@link #export} counted without rendering it, for each run by its id: the
   * same records and rules, none of the annotations, names, comments, hand-off or audit reads, and
   * the records of all runs read together (a page of pilots costs the reads of one).
   */
  public Map<Long, Progress> progress(List<PilotRun> runs) {
    Map<Long, Progress> progress = new HashMap<>();
    for (Records records : load(runs, Detail.TICKS).values()) {
      progress.put(records.run.id(), progress(records));
    }
    return progress;
  }

  public Progress progress(PilotRun run) {
    return progress(List.of(run)).get(run.id());
  }

  private Progress progress(Records records) {
    int ticked = 0;
    int boxes = 0;
    String section = "";
    for (String line : records.definition.document().split("\n", -1)) {
      section = MilestoneDocument.sectionAfter(section, line);
      if (line.startsWith("- Status: ") || line.startsWith(NEXT_STEP)) {
        continue;
      }
      Optional<MilestoneDocument.Box> box = MilestoneDocument.box(section, line);
      // a line the model carries nothing for is exported as written, ticked or not
      boolean isTicked =
          box.isPresent() ? tick(records, box.get()).ticked() : line.startsWith("- [x] ");
      if (box.isPresent() || line.startsWith("- [x] ") || line.startsWith("- [ ] ")) {
        boxes++;
        ticked += isTicked ? 1 : 0;
      }
    }
    return new Progress(ticked, boxes);
  }

  /**
   * The boxes of these sections ({@code pre}, {@code phase1} … {@code review}) as a reviewer reads
   * them inside a form: each section's heading, its checklists, every box ticked (☑) or not (☐)
   * with what each completion recorded (who, when, decision, reason, comment, evidence link). The
   * document's prose and Tasklist comments are left out: the form links the whole document.
   */
  public String sections(PilotRun run, Set<String> sectionKeys) {
    Records records = load(run, Detail.TEXT);
    StringBuilder out = new StringBuilder();
    String section = "";
    String heading = null;
    String checklist = null;
    String team = null;
    for (String line : records.definition.document().split("\n", -1)) {
      String next = MilestoneDocument.sectionAfter(section, line);
      if (!next.equals(section) || line.startsWith("## ")) {
        section = next;
        heading = line.substring(3).strip();
        checklist = null;
        team = null;
        continue;
      }
      if (!sectionKeys.contains(section)) {
        continue;
      }
      if (line.startsWith("### ")) {
        checklist = line.substring(4).strip();
        team = null;
        continue;
      }
      if (line.startsWith("#### ")) {
        team = line.substring(5).strip();
        continue;
      }
      Optional<MilestoneDocument.Box> box = MilestoneDocument.box(section, line);
      if (box.isEmpty()) {
        continue;
      }
      if (heading != null) {
        out.append("#### ").append(heading).append("\n\n");
        heading = null;
      }
      if (checklist != null) {
        out.append("**").append(checklist).append("**\n\n");
        checklist = null;
      }
      if (team != null) {
        out.append("*").append(team).append("*\n\n");
        team = null;
      }
      Tick tick = tick(records, box.get());
      out.append(tick.ticked() ? "- \u2611 " : "- \u2610 ").append(box.get().text()).append('\n');
      for (Outcome outcome : tick.outcomes()) {
        out.append("  - ").append(outcome.text()).append('\n');
      }
      if (tick.outcomes().isEmpty()) {
        out.append("  - ").append(tick.open() ? "Open" : "Not reached yet").append('\n');
      }
      out.append('\n');
    }
    return out.toString().strip();
  }

  /**
   * What the completed tasks of these keys inside one scope recorded, oldest first: the fix of the
   * issue whose subprocess holds {@code taskActivityInstanceId}, for its review.
   */
  public List<String> completionsBeside(
      PilotRun run, String taskActivityInstanceId, Set<String> taskKeys) {
    Records records = load(run, Detail.TEXT);
    String scope = records.parentOf(taskActivityInstanceId);
    return records.tasks.stream()
        .filter(task -> taskKeys.contains(task.getTaskDefinitionKey()))
        .filter(task -> task.getEndTime() != null)
        .filter(
            task -> scope != null && scope.equals(records.parentOf(task.getActivityInstanceId())))
        .map(task -> taskOutcome(records, task))
        .filter(Objects::nonNull)
        .map(Outcome::text)
        .toList();
  }

  /** Whether a box is ticked, and why: its outcomes in order. */
  private record Tick(boolean ticked, boolean open, List<Outcome> outcomes) {}

  /**
   * Ticked when some element of the line completed, none ended negative (a rejection not yet
   * redone) and none is still open: all four sign-offs, either fix track.
   */
  private Tick tick(Records records, MilestoneDocument.Box box) {
    List<Outcome> outcomes = new ArrayList<>();
    boolean negative = false;
    boolean open = false;
    for (FlowNode carrier : records.carriersOf(box)) {
      List<Outcome> ofCarrier = outcomes(records, carrier);
      outcomes.addAll(ofCarrier);
      negative |= !ofCarrier.isEmpty() && !ofCarrier.get(ofCarrier.size() - 1).positive();
      open |= isOpen(records, carrier);
    }
    if (outcomes.isEmpty() && !negative && !open) {
      nothingToDo(records, box).ifPresent(outcomes::add);
    }
    return new Tick(!outcomes.isEmpty() && !negative && !open, open, outcomes);
  }

  /** How much of a task's completion an export needs besides whether it ticks a box. */
  private enum Detail {
    /** whether boxes are ticked: no names, no comments */
    TICKS,
    /** the annotations: who, when, decision, fields */
    TEXT,
    /** the annotations and each task's Tasklist comments */
    TEXT_AND_COMMENTS
  }

  private Records load(PilotRun run, Detail detail) {
    return load(List.of(run), detail).get(run.processInstanceId());
  }

  /**
   * What an export reads of runs, by process instance id, in a fixed number of queries whatever
   * their number and size: their instances, activities, tasks, the fields their tasks captured and
   * (lazily, per run) who completed tasks nobody claimed. Tasklist comments are read per task, for
   * exports only.
   */
  private Map<String, Records> load(List<PilotRun> runs, Detail detail) {
    if (runs.isEmpty()) {
      return Map.of();
    }
    String[] pids = runs.stream().map(PilotRun::processInstanceId).toArray(String[]::new);
    Set<String> wanted = Set.of(pids);
    // the instance's definition, not an activity's: a migrated pilot's finished activities keep
    // the version they ran on
    Map<String, HistoricProcessInstance> instances = new HashMap<>();
    historyService
        .createHistoricProcessInstanceQuery()
        .processInstanceIds(wanted)
        .list()
        .forEach(instance -> instances.put(instance.getId(), instance));
    // activities and tasks by tenant: their queries take one instance at a time, and a pilot's
    // instance is in its own tenant (with the tenant's earlier runs and its Milestone 7, left out)
    String[] tenants = runs.stream().map(PilotRun::tenantId).distinct().toArray(String[]::new);
    Map<String, List<HistoricActivityInstance>> activities = new HashMap<>();
    historyService
        .createHistoricActivityInstanceQuery()
        .tenantIdIn(tenants)
        .orderByHistoricActivityInstanceStartTime()
        .asc()
        .list()
        .stream()
        .filter(activity -> wanted.contains(activity.getProcessInstanceId()))
        .forEach(
            activity ->
                activities
                    .computeIfAbsent(activity.getProcessInstanceId(), id -> new ArrayList<>())
                    .add(activity));
    Map<String, List<HistoricTaskInstance>> tasks = new HashMap<>();
    historyService
        .createHistoricTaskInstanceQuery()
        .tenantIdIn(tenants)
        .orderByHistoricTaskInstanceEndTime()
        .asc()
        .list()
        .stream()
        .filter(task -> wanted.contains(task.getProcessInstanceId()))
        .forEach(
            task ->
                tasks
                    .computeIfAbsent(task.getProcessInstanceId(), id -> new ArrayList<>())
                    .add(task));
    Map<String, Map<String, Object>> captured = new HashMap<>();
    historyService
        .createHistoricVariableInstanceQuery()
        .processInstanceIdIn(pids)
        .variableNameIn(CAPTURED.toArray(String[]::new))
        .list()
        .stream()
        .filter(variable -> variable.getValue() != null)
        .forEach(
            variable ->
                captured
                    .computeIfAbsent(variable.getActivityInstanceId(), id -> new HashMap<>())
                    .putIfAbsent(variable.getName(), variable.getValue()));
    // every run's issues in one read, when the first run needs them
    Lazy<Map<Long, List<IssueView>>> issuesByRun =
        new Lazy<>(() -> issues.ofRuns(runs.stream().map(PilotRun::id).toList()));
    Map<String, Records> records = new HashMap<>();
    for (PilotRun run : runs) {
      String pid = run.processInstanceId();
      HistoricProcessInstance instance = instances.get(pid);
      if (instance == null) {
        continue; // its history is gone
      }
      MilestoneDefinition definition =
          definitions
              .byProcessKey(instance.getProcessDefinitionKey())
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "No milestone is registered for process "
                              + instance.getProcessDefinitionKey()));
      records.put(
          pid,
          new Records(
              run,
              definition,
              carriersOf(instance.getProcessDefinitionId(), definition),
              activities.getOrDefault(pid, List.of()),
              tasks.getOrDefault(pid, List.of()),
              captured,
              detail,
              () -> issuesByRun.get().getOrDefault(run.id(), List.of())));
    }
    return records;
  }

  /**
   * The elements that carry each box of the document, in model order. Reading an element's
   * checklist item and documentation walks the model's DOM, a deployed model never changes: so it
   * is read once per definition, not once per box and element of every export.
   */
  private Map<MilestoneDocument.Box, List<FlowNode>> carriersOf(
      String processDefinitionId, MilestoneDefinition definition) {
    return carriersByDefinition.computeIfAbsent(
        processDefinitionId,
        id -> {
          List<FlowNode> carriers =
              repositoryService
                  .getBpmnModelInstance(id)
                  .getModelElementsByType(FlowNode.class)
                  .stream()
                  .filter(node -> MilestoneDocument.checklistItem(node) != null)
                  .toList();
          Map<MilestoneDocument.Box, List<FlowNode>> byBox = new HashMap<>();
          for (MilestoneDocument.Box box : definition.boxes()) {
            byBox.computeIfAbsent(
                box,
                b ->
                    carriers.stream()
                        .filter(carrier -> MilestoneDocument.carries(carrier, b))
                        .toList());
          }
          return Map.copyOf(byBox);
        });
  }

  /** A value read on first need, once. */
  private static final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> read;
    private T value;

    Lazy(Supplier<T> read) {
      this.read = read;
    }

    @Override
    public T get() {
      if (value == null) {
        value = read.get();
      }
      return value;
    }
  }

  private final class Records {
    final PilotRun run;
    final MilestoneDefinition definition;
    final Map<MilestoneDocument.Box, List<FlowNode>> carriers;
    final List<HistoricActivityInstance> activities;
    final List<HistoricTaskInstance> tasks;
    final Map<String, Map<String, Object>> captured;
    final Detail detail;
    final Map<String, String> parents = new HashMap<>();
    private final Supplier<List<IssueView>> issues;
    private Map<String, String> completers;

    Records(
        PilotRun run,
        MilestoneDefinition definition,
        Map<MilestoneDocument.Box, List<FlowNode>> carriers,
        List<HistoricActivityInstance> activities,
        List<HistoricTaskInstance> tasks,
        Map<String, Map<String, Object>> captured,
        Detail detail,
        Supplier<List<IssueView>> issues) {
      this.run = run;
      this.definition = definition;
      this.carriers = carriers;
      this.activities = activities;
      this.tasks = tasks;
      this.captured = captured;
      this.detail = detail;
      this.issues = issues;
      activities.forEach(a -> parents.put(a.getId(), a.getParentActivityInstanceId()));
    }

    List<FlowNode> carriersOf(MilestoneDocument.Box box) {
      return carriers.getOrDefault(box, List.of());
    }

    String parentOf(String activityInstanceId) {
      return parents.get(activityInstanceId);
    }

    /** Activities of that id that finished without being cancelled. */
    List<HistoricActivityInstance> finished(String activityId) {
      return activities.stream()
          .filter(a -> a.getActivityId().equals(activityId))
          .filter(a -> a.getEndTime() != null && !a.isCanceled())
          .toList();
    }

    /** Who completed each task, by task id, from the operation log: read once, when needed. */
    String completerOf(String taskId) {
      if (completers == null) {
        completers = new HashMap<>();
        historyService
            .createUserOperationLogQuery()
            .processInstanceId(run.processInstanceId())
            .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE)
            .list()
            .stream()
            .filter(entry -> entry.getTaskId() != null && entry.getUserId() != null)
            .forEach(entry -> completers.putIfAbsent(entry.getTaskId(), entry.getUserId()));
      }
      return completers.getOrDefault(taskId, "unknown");
    }

    List<IssueView> issues() {
      return issues.get();
    }
  }

  /** The steps done once per enhancement candidate, and why one passed without any. */
  private static final Map<String, String> NO_CANDIDATE =
      Map.of(
          Elements.TASK_OPEN_ENHANCEMENT_ADRS,
          "no enhancement candidate was kept for an ADR",
          PostMvpEnhancementsProcess.Elements.TASK_PLAN_ENHANCEMENT_CANDIDATE,
          "no enhancement candidate was handed over");

  /**
   * A box whose work happens once per reported issue, feedback item or kept enhancement candidate
   * had nothing to do when none needed it: it is ticked with the reason once that step has passed.
   */
  private Optional<Outcome> nothingToDo(Records records, MilestoneDocument.Box box) {
    List<FlowNode> ofBox = records.carriersOf(box);
    if (ofBox.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> perCandidatePassedWithoutOne =
        ofBox.stream()
            .map(FlowNode::getId)
            .filter(NO_CANDIDATE::containsKey)
            .filter(id -> !records.finished(id + MULTI_INSTANCE_BODY).isEmpty())
            .findFirst();
    if (perCandidatePassedWithoutOne.isPresent()) {
      return Optional.of(
          new Outcome(
              true, "Nothing to do: " + NO_CANDIDATE.get(perCandidatePassedWithoutOne.get())));
    }
    List<String> eventSubProcesses =
        ofBox.stream().map(MilestoneExport::eventSubProcessOf).distinct().toList();
    Optional<String> eventSubProcess =
        eventSubProcesses.size() == 1 ? Optional.of(eventSubProcesses.get(0)) : Optional.empty();
    if (eventSubProcess.isEmpty()
        || records.finished(Elements.SUB_PROCESS_PHASE2_PILOT_EXECUTION).isEmpty()) {
      return Optional.empty();
    }
    return switch (eventSubProcess.get()) {
      case Elements.SUB_PROCESS_PILOT_ISSUE -> {
        int reported = records.issues().size();
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
    return Phase.enclosing(node.getParentElement())
        .filter(SubProcess::triggeredByEvent)
        .map(SubProcess::getId)
        .findFirst()
        .orElse("");
  }

  /** An aborted pilot says why, what was rolled back, and who confirmed it. */
  private List<String> abortAnnotations(PilotRun run, Records records) {
    if (run.status() != RunStatus.ABORTED) {
      return List.of();
    }
    List<String> annotations = new ArrayList<>();
    Object reason =
        history
            .variables(run.processInstanceId(), Variables.ABORT_REASON)
            .getOrDefault(Variables.ABORT_REASON, "no reason recorded");
    annotations.add(
        "Aborted on " + humanTime.when(run.endedAt()) + ": " + MarkdownText.inline(reason));
    audit.of(run.tenantId()).stream()
        .filter(entry -> run.processInstanceId().equals(entry.processInstanceId()))
        .filter(entry -> entry.action().endsWith("_REMOVED"))
        .forEach(
            entry ->
                annotations.add(
                    "Rolled back "
                        + entry.action()
                        + " on "
                        + humanTime.when(entry.performedAt())
                        + ": "
                        + MarkdownText.inline(entry.detail())));
    records.tasks.stream()
        .filter(task -> Elements.TASK_CONFIRM_ROLLBACK_COMPLETE.equals(task.getTaskDefinitionKey()))
        .filter(task -> task.getEndTime() != null)
        .forEach(
            task ->
                annotations.add(
                    "Rollback confirmed by "
                        + MarkdownText.inline(who(records, task))
                        + " on "
                        + humanTime.when(instant(task.getEndTime()))));
    return annotations;
  }

  private List<Outcome> outcomes(Records records, FlowNode carrier) {
    if (carrier instanceof UserTask) {
      return records.tasks.stream()
          .filter(task -> carrier.getId().equals(task.getTaskDefinitionKey()))
          .filter(task -> task.getEndTime() != null)
          .map(task -> taskOutcome(records, task))
          .filter(Objects::nonNull)
          .toList();
    }
    if (carrier instanceof ExclusiveGateway gateway) {
      // An exit criterion is met when its gateway's "yes" was taken.
      return gateway.getOutgoing().stream()
          .filter(flow -> "yes".equals(flow.getName()))
          .map(SequenceFlow::getTarget)
          .flatMap(target -> records.finished(target.getId()).stream())
          .map(
              reached ->
                  new Outcome(true, "Met on " + humanTime.when(instant(reached.getStartTime()))))
          .toList();
    }
    return records.finished(carrier.getId()).stream()
        .map(
            done ->
                new Outcome(
                    true, "Done automatically on " + humanTime.when(instant(done.getEndTime()))))
        .toList();
  }

  /**
   * A completed task, or one its pull request's merge closed (the webhook's message interrupts it);
   * null for a task cancelled otherwise, as by an abort.
   */
  private Outcome taskOutcome(Records records, HistoricTaskInstance task) {
    Map<String, Object> captured =
        records.captured.getOrDefault(task.getActivityInstanceId(), Map.of());
    if (!"completed".equals(task.getDeleteReason())) {
      Object pullRequest = captured.get(Variables.PULL_REQUEST_URL);
      return pullRequest == null
          ? null
          : new Outcome(
              true,
              "Pull request merged on "
                  + humanTime.when(instant(task.getEndTime()))
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
            + MarkdownText.inline(who(records, task))
            + " on "
            + humanTime.when(instant(task.getEndTime())));
    for (String field : FIELDS) {
      Object value = captured.get(field);
      if (value != null && !value.toString().isBlank()) {
        parts.add(
            label(field)
                + ": "
                + (LINKS.contains(field) ? MarkdownText.link(value) : MarkdownText.inline(value)));
      }
    }
    List<String> comments =
        records.detail != Detail.TEXT_AND_COMMENTS
            ? List.of()
            : taskService.getTaskComments(task.getId()).stream()
                .map(
                    comment ->
                        "Comment by "
                            + MarkdownText.inline(
                                comment.getUserId() == null ? "unknown" : comment.getUserId())
                            + " on "
                            + humanTime.when(instant(comment.getTime()))
                            + ": "
                            + MarkdownText.inline(comment.getFullMessage()))
                .toList();
    return new Outcome(positive, String.join("; ", parts), comments);
  }

  /** The assignee; for a task completed without a claim, the user the operation log names. */
  private static String who(Records records, HistoricTaskInstance task) {
    if (records.detail == Detail.TICKS) {
      return ""; // counting needs no names: no read of the operation log
    }
    return task.getAssignee() != null ? task.getAssignee() : records.completerOf(task.getId());
  }

  private static boolean isOpen(Records records, FlowNode carrier) {
    return carrier instanceof UserTask
        && records.tasks.stream()
            .anyMatch(
                task ->
                    carrier.getId().equals(task.getTaskDefinitionKey())
                        && task.getEndTime() == null);
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
