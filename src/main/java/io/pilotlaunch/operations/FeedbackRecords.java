package io.pilotlaunch.operations;

import io.pilotlaunch.pilot.PilotRuns.PilotRun;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Elements;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

/**
 * A run's feedback with its categorization: what arrived is in our table, how docs categorized it
 * is in the engine's history (the categorization task's own fields, beside the feedback id its
 * subprocess keeps). Four reads whatever the number of feedback items.
 */
@Component
public class FeedbackRecords {

  private static final String CATEGORY = "category";
  private static final String COMMENT = "comment";

  private final PilotFeedback feedback;
  private final HistoryService historyService;

  public FeedbackRecords(PilotFeedback feedback, HistoryService historyService) {
    this.feedback = feedback;
    this.historyService = historyService;
  }

  public List<FeedbackItem> ofRun(PilotRun run) {
    List<FeedbackItem> received = feedback.ofRun(run.tenantId(), run.id());
    if (received.isEmpty()) {
      return received;
    }
    // The task's own fields are recorded in its activity instance; the feedback id in the
    // subprocess's execution (under Phase 2's activity instance, where the message arrived).
    Map<String, Map<String, Object>> byActivityInstance = new HashMap<>();
    Map<String, Object> feedbackIdByExecution = new HashMap<>();
    for (HistoricVariableInstance variable :
        historyService
            .createHistoricVariableInstanceQuery()
            .processInstanceIdIn(run.processInstanceId())
            .variableNameIn(
                Variables.FEEDBACK_ID, CATEGORY, EnhancementCandidatesListener.TASK_FIELD, COMMENT)
            .list()) {
      if (variable.getValue() == null) {
        continue;
      }
      if (Variables.FEEDBACK_ID.equals(variable.getName())) {
        feedbackIdByExecution.put(variable.getExecutionId(), variable.getValue());
      } else {
        byActivityInstance
            .computeIfAbsent(variable.getActivityInstanceId(), id -> new HashMap<>())
            .put(variable.getName(), variable.getValue());
      }
    }
    Map<String, String> executionBySubProcess = new HashMap<>();
    historyService
        .createHistoricActivityInstanceQuery()
        .processInstanceId(run.processInstanceId())
        .activityId(Elements.SUB_PROCESS_PILOT_FEEDBACK)
        .list()
        .forEach(scope -> executionBySubProcess.put(scope.getId(), scope.getExecutionId()));
    Map<String, HistoricActivityInstance> categorizedById = new HashMap<>();
    for (HistoricActivityInstance task :
        historyService
            .createHistoricActivityInstanceQuery()
            .processInstanceId(run.processInstanceId())
            .activityId(Elements.TASK_CATEGORIZE_PILOT_FEEDBACK)
            .finished()
            .list()) {
      Object feedbackId =
          feedbackIdByExecution.get(executionBySubProcess.get(task.getParentActivityInstanceId()));
      if (feedbackId != null && !task.isCanceled()) {
        categorizedById.put(feedbackId.toString(), task);
      }
    }
    return received.stream()
        .map(
            item -> {
              HistoricActivityInstance task = categorizedById.get(item.externalId());
              if (task == null) {
                return item;
              }
              Map<String, Object> fields = byActivityInstance.getOrDefault(task.getId(), Map.of());
              return new FeedbackItem(
                  item.externalId(),
                  item.text(),
                  item.source(),
                  item.receivedAt(),
                  text(fields.get(CATEGORY)),
                  EnhancementCandidates.merge(
                      text(fields.get(EnhancementCandidatesListener.TASK_FIELD))),
                  text(fields.get(COMMENT)),
                  task.getAssignee(),
                  task.getEndTime().toInstant());
            })
        .toList();
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
