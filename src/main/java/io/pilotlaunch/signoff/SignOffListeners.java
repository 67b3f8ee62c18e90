package io.pilotlaunch.signoff;

import io.pilotlaunch.pilot.PilotRuns;
import io.pilotlaunch.pilot.PilotRuns.PilotRun;
import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Beans;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Phase 3's machine work: the summary compiled from the records, and the text product management
 * confirmed.
 */
@Configuration
class SignOffListeners {

  /** The process variable that carries the compiled Markdown into the summary form. */
  /** The summary form's editable field. */
  static final String SUMMARY_FIELD = "summary";

  @Bean(Beans.PILOT_SUMMARY_DELEGATE)
  JavaDelegate pilotSummaryDelegate(PilotRuns runs, PilotSummaries summaries) {
    return execution -> {
      PilotRun run = run(runs, execution.getProcessInstanceId());
      execution.setVariable(
          MvpPilotLaunchProcess.Variables.PILOT_SUMMARY_DRAFT,
          summaries.store(run, summaries.compile(run)));
    };
  }

  @Bean(Beans.PILOT_SUMMARY_CONFIRMED)
  TaskListener pilotSummaryConfirmed(PilotRuns runs, PilotSummaries summaries) {
    return task -> {
      Object text = task.getVariable(SUMMARY_FIELD);
      summaries.confirm(
          run(runs, task.getProcessInstanceId()),
          text == null ? null : text.toString(),
          task.getAssignee());
    };
  }

  private static PilotRun run(PilotRuns runs, String processInstanceId) {
    return runs.findByProcessInstance(processInstanceId)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "No pilot run recorded for process instance " + processInstanceId));
  }
}
