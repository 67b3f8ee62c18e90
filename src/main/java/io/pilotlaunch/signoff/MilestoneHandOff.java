package io.pilotlaunch.signoff;

import io.pilotlaunch.operations.EnhancementCandidates;
import io.pilotlaunch.pilot.PilotRuns.PilotRun;
import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.process.PostMvpEnhancementsProcess;
import io.pilotlaunch.web.HumanTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Service;

/**
 * What the pilot handed to Milestone 7: the {@code PostMvpEnhancements} instance it started, its
 * state, and each enhancement candidate with the state of its planning task. Read from history, so
 * a finished Milestone 7 shows too.
 */
@Service
public class MilestoneHandOff {

  private static final String CANDIDATE =
      PostMvpEnhancementsProcess.Variables.ENHANCEMENT_CANDIDATE;
  private static final String ADR_NEEDED = "adrNeeded";
  private static final String ADR_TITLE = "adrTitle";
  private static final String ADR_LINK = "adrLink";
  private static final String COMMENT = "comment";

  /** Planning tasks by start, then end, an open one last. */
  private static final Comparator<HistoricTaskInstance> LATEST_LAST =
      Comparator.comparing(HistoricTaskInstance::getStartTime)
          .thenComparing(
              HistoricTaskInstance::getEndTime, Comparator.nullsLast(Comparator.naturalOrder()));

  public enum Status {
    /** its planning task waits for architecture */
    OPEN,
    /** architecture planned it */
    PLANNED,
    /** its planning task ended without being completed */
    CANCELLED,
    /** no planning task names it (history cleaned up, or the instance was changed by hand) */
    UNKNOWN
  }

  /** One candidate; who and when for a planned one (who may be null), its ADR if one is needed. */
  public record Candidate(
      String text,
      Status status,
      String assignee,
      Instant plannedAt,
      Boolean adrNeeded,
      String adrTitle,
      String adrLink,
      String comment) {}

  /** state: running, completed, cancelled or suspended. */
  public record HandOff(
      String processInstanceId, String state, Instant startedAt, List<Candidate> candidates) {

    public long planned() {
      return candidates.stream().filter(c -> c.status() == Status.PLANNED).count();
    }
  }

  private final HistoryService historyService;
  private final HumanTime humanTime;

  public MilestoneHandOff(HistoryService historyService, HumanTime humanTime) {
    this.historyService = historyService;
    this.humanTime = humanTime;
  }

  /** Empty until the hand-off started Milestone 7. Reads as the engine's own user. */
  public Optional<HandOff> of(PilotRun run) {
    return Optional.ofNullable(of(List.of(run)).get(run.id()));
  }

  /**
   * The hand-offs of these runs by run id, none for a run that has not handed off (or whose
   * Milestone 7 history is gone): one read when nothing was handed off, four when something was,
   * whatever the number of runs. Reads as the engine's own user.
   */
  public Map<Long, HandOff> of(List<PilotRun> runs) {
    Map<Long, HandOff> handOffs = new HashMap<>();
    if (runs.isEmpty()) {
      return handOffs;
    }
    Map<String, String> milestone7ByPilot = new HashMap<>();
    historyService
        .createHistoricVariableInstanceQuery()
        .processInstanceIdIn(runs.stream().map(PilotRun::processInstanceId).toArray(String[]::new))
        .variableName(MvpPilotLaunchProcess.Variables.POST_MVP_ENHANCEMENTS_PROCESS_INSTANCE_ID)
        .list()
        .stream()
        .filter(variable -> variable.getValue() != null)
        .forEach(
            variable ->
                milestone7ByPilot.putIfAbsent(
                    variable.getProcessInstanceId(), variable.getValue().toString()));
    if (milestone7ByPilot.isEmpty()) {
      return handOffs;
    }
    Set<String> started = Set.copyOf(milestone7ByPilot.values());
    Map<String, HistoricProcessInstance> milestone7s = new HashMap<>();
    historyService
        .createHistoricProcessInstanceQuery()
        .processInstanceIds(started)
        .list()
        .forEach(instance -> milestone7s.put(instance.getId(), instance));
    if (milestone7s.isEmpty()) {
      return handOffs; // removed by history cleanup
    }
    String[] milestone7Ids = milestone7s.keySet().toArray(String[]::new);
    // a Milestone 7 runs in its pilot's tenant; the task query takes one instance at a time
    String[] tenants =
        milestone7s.values().stream()
            .map(HistoricProcessInstance::getTenantId)
            .filter(Objects::nonNull)
            .distinct()
            .toArray(String[]::new);
    Map<String, List<HistoricVariableInstance>> variables = new HashMap<>();
    historyService
        .createHistoricVariableInstanceQuery()
        .processInstanceIdIn(milestone7Ids)
        .variableNameIn(
            PostMvpEnhancementsProcess.Variables.ENHANCEMENT_CANDIDATES,
            CANDIDATE,
            ADR_NEEDED,
            ADR_TITLE,
            ADR_LINK,
            COMMENT)
        .list()
        .forEach(
            variable ->
                variables
                    .computeIfAbsent(variable.getProcessInstanceId(), id -> new ArrayList<>())
                    .add(variable));
    Map<String, List<HistoricTaskInstance>> tasks = new HashMap<>();
    if (tenants.length > 0) {
      historyService
          .createHistoricTaskInstanceQuery()
          .tenantIdIn(tenants)
          .taskDefinitionKey(PostMvpEnhancementsProcess.Elements.TASK_PLAN_ENHANCEMENT_CANDIDATE)
          .list()
          .stream()
          .filter(task -> milestone7s.containsKey(task.getProcessInstanceId()))
          .forEach(
              task ->
                  tasks
                      .computeIfAbsent(task.getProcessInstanceId(), id -> new ArrayList<>())
                      .add(task));
    }
    for (PilotRun run : runs) {
      HistoricProcessInstance milestone7 =
          milestone7s.get(milestone7ByPilot.get(run.processInstanceId()));
      if (milestone7 != null) {
        handOffs.put(
            run.id(),
            handOff(
                milestone7,
                variables.getOrDefault(milestone7.getId(), List.of()),
                tasks.getOrDefault(milestone7.getId(), List.of())));
      }
    }
    return handOffs;
  }

  private static HandOff handOff(
      HistoricProcessInstance milestone7,
      List<HistoricVariableInstance> variables,
      List<HistoricTaskInstance> planningTasks) {
    // The element variable lies in the execution of its task's instance, the task's fields in
    // the task's activity instance.
    Map<String, Map<String, Object>> byActivityInstance = new HashMap<>();
    Map<String, String> candidateByExecution = new HashMap<>();
    String listed = "";
    for (HistoricVariableInstance variable : variables) {
      if (PostMvpEnhancementsProcess.Variables.ENHANCEMENT_CANDIDATES.equals(variable.getName())) {
        listed = variable.getValue() == null ? "" : variable.getValue().toString();
      } else if (CANDIDATE.equals(variable.getName()) && variable.getValue() != null) {
        candidateByExecution.put(variable.getExecutionId(), variable.getValue().toString());
      } else if (variable.getValue() != null) {
        byActivityInstance
            .computeIfAbsent(variable.getActivityInstanceId(), id -> new HashMap<>())
            .put(variable.getName(), variable.getValue());
      }
    }
    Map<String, HistoricTaskInstance> taskByCandidate = new HashMap<>();
    Map<String, Map<String, Object>> fieldsByCandidate = new HashMap<>();
    for (HistoricTaskInstance task : planningTasks) {
      String candidate = candidateByExecution.get(task.getExecutionId());
      // rejected plans are planned again: the latest planning task of a candidate tells its state
      if (candidate != null && isLater(task, taskByCandidate.get(candidate))) {
        taskByCandidate.put(candidate, task);
        fieldsByCandidate.put(
            candidate, byActivityInstance.getOrDefault(task.getActivityInstanceId(), Map.of()));
      }
    }
    List<Candidate> candidates = new ArrayList<>();
    for (String text : EnhancementCandidates.lines(listed)) {
      HistoricTaskInstance task = taskByCandidate.get(text);
      Map<String, Object> fields = fieldsByCandidate.getOrDefault(text, Map.of());
      Status status =
          task == null
              ? Status.UNKNOWN
              : task.getEndTime() == null
                  ? Status.OPEN
                  : "completed".equals(task.getDeleteReason()) ? Status.PLANNED : Status.CANCELLED;
      candidates.add(
          new Candidate(
              text,
              status,
              task == null ? null : task.getAssignee(),
              status == Status.PLANNED ? task.getEndTime().toInstant() : null,
              fields.get(ADR_NEEDED) instanceof Boolean needed ? needed : null,
              text(fields.get(ADR_TITLE)),
              text(fields.get(ADR_LINK)),
              text(fields.get(COMMENT))));
    }
    return new HandOff(
        milestone7.getId(),
        state(milestone7.getState()),
        milestone7.getStartTime().toInstant(),
        List.copyOf(candidates));
  }

  private static boolean isLater(HistoricTaskInstance task, HistoricTaskInstance than) {
    return than == null || LATEST_LAST.compare(task, than) > 0;
  }

  /** The hand-off as the lines under the document's "Next Steps", every value inert. */
  List<String> annotations(HandOff handOff) {
    List<String> lines = new ArrayList<>();
    int count = handOff.candidates().size();
    lines.add(
        "Handed off on "
            + humanTime.when(handOff.startedAt())
            + ": Milestone 7 (process instance "
            + MarkdownText.inline(handOff.processInstanceId())
            + ") "
            + handOff.state()
            + ", "
            + (count == 0
                ? "no enhancement candidates"
                : count
                    + (count == 1 ? " enhancement candidate" : " enhancement candidates")
                    + ", "
                    + handOff.planned()
                    + " planned"));
    for (Candidate candidate : handOff.candidates()) {
      lines.add("Candidate: " + MarkdownText.inline(candidate.text()) + " — " + status(candidate));
    }
    return lines;
  }

  /** What became of a candidate, in words, every value inert Markdown. */
  String status(Candidate candidate) {
    return switch (candidate.status()) {
      case OPEN ->
          candidate.assignee() == null
              ? "waiting for architecture"
              : "being planned by " + MarkdownText.inline(candidate.assignee());
      case CANCELLED -> "cancelled";
      case UNKNOWN -> "handed over";
      case PLANNED ->
          "planned by "
              + MarkdownText.inline(candidate.assignee() == null ? "unknown" : candidate.assignee())
              + " on "
              + humanTime.when(candidate.plannedAt())
              + (Boolean.TRUE.equals(candidate.adrNeeded())
                  ? "; ADR: "
                      + MarkdownText.inline(candidate.adrTitle())
                      + "; ADR link: "
                      + MarkdownText.link(candidate.adrLink())
                  : "; no ADR needed")
              + (candidate.comment() == null || candidate.comment().isBlank()
                  ? ""
                  : "; comment: " + MarkdownText.inline(candidate.comment()));
    };
  }

  private static String state(String engineState) {
    return switch (engineState) {
      case HistoricProcessInstance.STATE_ACTIVE -> "running";
      case HistoricProcessInstance.STATE_SUSPENDED -> "suspended";
      case HistoricProcessInstance.STATE_COMPLETED -> "completed";
      default -> "cancelled";
    };
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
