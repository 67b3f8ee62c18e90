package io.pilotlaunch.operations;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Variables.PILOT_ENHANCEMENT_CANDIDATES;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Variables.PILOT_ENHANCEMENT_CANDIDATE_COUNT;

import io.pilotlaunch.process.MvpPilotLaunchProcess;
import java.util.List;
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
 *       appends the task's {@code enhancementCandidates} (one per line), each candidate once
 *       ({@link EnhancementCandidates}).
 * </ul>
 *
 * Phase 3 offers them to product management as ADR candidates; the hand-off passes them, with the
 * candidates product management kept on the summary, to Milestone 7.
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
        PILOT_ENHANCEMENT_CANDIDATE_COUNT,
        EnhancementCandidates.lines(text == null ? "" : text.toString()).size());
  }

  @Override
  public void notify(DelegateTask task) {
    DelegateExecution instance = task.getExecution().getProcessInstance();
    Object current = instance.getVariable(PILOT_ENHANCEMENT_CANDIDATES);
    Object added = task.getVariable(TASK_FIELD);
    List<String> merged =
        EnhancementCandidates.merge(
            current == null ? "" : current.toString(), added == null ? "" : added.toString());
    instance.setVariable(PILOT_ENHANCEMENT_CANDIDATES, String.join("\n", merged));
    instance.setVariable(PILOT_ENHANCEMENT_CANDIDATE_COUNT, merged.size());
  }
}
