package io.pilotlaunch.tasklist;

import io.pilotlaunch.pilot.PilotRuns;
import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Elements;
import io.pilotlaunch.process.Phase;
import io.pilotlaunch.signoff.UnderReview;
import io.pilotlaunch.web.CallerRules;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Reviews and sign-offs show what they judge inside their form: when a review's or a sign-off's
 * form variables are read (Tasklist does so each time it opens the form), the answer carries
 * {@value #UNDER_REVIEW}, the Markdown of {@link UnderReview} that the forms' text component
 * renders.
 *
 * <p>Computed when the form is opened, never stored: a task's creation and its submit cost nothing
 * more, the reviewer sees the records as they are at that moment, and the item completed in the
 * very transaction that created the review is already in history. Added only after the engine let
 * the reader have the task's variables, then read as the system, in commands of their own: a
 * failure here leaves the form readable and says so in it.
 */
@Component
class UnderReviewFormVariable extends ComputedFormVariable {

  /** The form variable the review and sign-off forms render (forms/review-item.form, …). */
  static final String UNDER_REVIEW = "underReview";

  /** The forms of the tasks that judge other teams' work. */
  static final Set<String> FORMS = Set.of("ReviewItemForm", "SignOffForm");

  private static final Logger LOG = LoggerFactory.getLogger(UnderReviewFormVariable.class);

  private final PilotRuns runs;
  private final UnderReview underReview;
  private final CallerRules caller;
  private final HistoryService historyService;
  private final RepositoryService repositoryService;

  /** Lazy: these read the engine, and the engine needs this plugin first. */
  UnderReviewFormVariable(
      PilotRuns runs,
      @Lazy UnderReview underReview,
      @Lazy CallerRules caller,
      @Lazy HistoryService historyService,
      @Lazy RepositoryService repositoryService) {
    super(UNDER_REVIEW);
    this.runs = runs;
    this.underReview = underReview;
    this.caller = caller;
    this.historyService = historyService;
    this.repositoryService = repositoryService;
  }

  @Override
  Optional<String> valueFor(String taskId, boolean complete, VariableMap read) {
    return of(taskId);
  }

  private Optional<String> of(String taskId) {
    return caller.asSystem(
        () -> {
          HistoricTaskInstance task =
              historyService.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
          if (task == null
              || task.getProcessInstanceId() == null
              || !MvpPilotLaunchProcess.PROCESS_ID.equals(task.getProcessDefinitionKey())) {
            return Optional.empty();
          }
          UserTask element =
              repositoryService
                  .getBpmnModelInstance(task.getProcessDefinitionId())
                  .getModelElementById(task.getTaskDefinitionKey());
          Optional<Phase> phase = Phase.of(element);
          if (element == null || !FORMS.contains(element.getCamundaFormRef()) || phase.isEmpty()) {
            return Optional.empty();
          }
          try {
            return runs.findByProcessInstance(task.getProcessInstanceId())
                .map(
                    run ->
                        Phase.within(element, Elements.SUB_PROCESS_PILOT_ISSUE)
                            ? underReview.ofFix(run, task.getActivityInstanceId())
                            : underReview.ofPhase(run, phase.get()));
          } catch (RuntimeException e) {
            LOG.warn("What task {} reviews could not be read", taskId, e);
            return Optional.of(
                "What this task reviews could not be read just now. The pilot's milestone"
                    + " document shows the same records.");
          }
        });
  }
}
