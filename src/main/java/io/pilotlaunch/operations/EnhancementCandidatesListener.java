package io.pilotlaunch.operations;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Variables.PILOT_ENHANCEMENT_CANDIDATES;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Variables.PILOT_ENHANCEMENT_CANDIDATE_COUNT;

import io.pilotlaunch.process.MvpPilotLaunchProcess;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * Keeps the pilot's enhancement candidates in two plain process variables: {@code
 * pilotEnhancementCandidates} (one candidate per line) and {@code pilotEnhancementCandidateCount}.
 * Plain String/Integer on purpose: Java-serialized collections are disabled in Camunda 7.24 and the
 * engine-only tests run without Spin.
 *
 * <ul>
 *   <li>as process start listener: initialises both (empty, 0) unless already given;
 *   <li>as complete listener of "Track pilot feedback and categorize enhancement candidates":
 *       appends the task's {@code enhancementCandidates} (one per line), skipping duplicates.
 * </ul>
 *
 * Phase 3 opens one ADR task per line; the hand-off passes both to Milestone 7.
 */
@org.springframework.stereotype.Component(
    MvpPilotLaunchProcess.Beans.ENHANCEMENT_CANDIDATES_LISTENER)
public class EnhancementCandidatesListener implements ExecutionListener, TaskListener {

  /** The local form field of the categorization task. */
  public static final String TASK_FIELD = "enhancementCandidates";

  @Override
  public void notify(DelegateExecution execution) {
    DelegateExecution instance = execution.getProcessInstance();
    if (!instance.hasVariable(PILOT_ENHANCEMENT_CANDIDATES)) {
      instance.setVariable(PILOT_ENHANCEMENT_CANDIDATES, "");
    }
    Object text = instance.getVariable(PILOT_ENHANCEMENT_CANDIDATES);
    instance.setVariable(
        PILOT_ENHANCEMENT_CANDIDATE_COUNT, lines(text == null ? "" : text.toString()).size());
  }

  @Override
  public void notify(DelegateTask task) {
    DelegateExecution instance = task.getExecution().getProcessInstance();
    Object current = instance.getVariable(PILOT_ENHANCEMENT_CANDIDATES);
    Object added = task.getVariable(TASK_FIELD);
    List<String> merged =
        merge(current == null ? "" : current.toString(), added == null ? "" : added.toString());
    instance.setVariable(PILOT_ENHANCEMENT_CANDIDATES, String.join("\n", merged));
    instance.setVariable(PILOT_ENHANCEMENT_CANDIDATE_COUNT, merged.size());
  }

  /**
   * Candidates of both texts (one per line), trimmed, blank lines dropped, first occurrence kept.
   */
  public static List<String> merge(String current, String added) {
    Set<String> all = new LinkedHashSet<>(lines(current));
    all.addAll(lines(added));
    return new ArrayList<>(all);
  }

  /** Non-blank, trimmed lines. */
  public static List<String> lines(String text) {
    List<String> result = new ArrayList<>();
    for (String line : text.split("\\R")) {
      String trimmed = line.trim();
      if (!trimmed.isEmpty()) {
        result.add(trimmed);
      }
    }
    return result;
  }
}
