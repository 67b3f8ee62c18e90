package io.pilotlaunch.tasklist;

import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Elements;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;

/**
 * What a task asks of its team, in the team's words: what to check and what evidence is wanted. The
 * model's documentation stays for the people who change the model; Tasklist shows this.
 */
final class TaskDescriptions {

  private TaskDescriptions() {}

  static String of(DelegateTask task, String tenantId) {
    String item = text(task, "checklistItem");
    String pilot = tenantId == null ? "the pilot" : "pilot " + tenantId;
    String key = task.getTaskDefinitionKey();
    if (Elements.TASK_APPLY_FIX_BACKEND.equals(key)
        || Elements.TASK_APPLY_FIX_FRONTEND.equals(key)) {
      return "Fix the issue below for "
          + pilot
          + " in a small pull request from the branch shown into "
          + MvpPilotLaunchProcess.INTEGRATION_BRANCH
          + ". Merging it closes this task by itself. If you close it by hand, tick Done and link"
          + " the pull request; if the fix cannot be made, say why in the comment.";
    }
    return switch (formOf(task)) {
      case "ChecklistItemForm" ->
          "Check that this holds for "
              + pilot
              + ": "
              + item
              + " When it does, tick Done and link the evidence: the document, pull request,"
              + " dashboard or ticket that shows it. When it does not, leave Done unticked and say"
              + " in the comment what is missing and who is on it.";
      case "ReviewItemForm" ->
          "Review for "
              + pilot
              + ": "
              + item
              + " Look at the details and the evidence shown. Approve when it holds; otherwise"
              + " reject and give the reason, and the work goes back to the team that did it.";
      case "SignOffForm" ->
          "Sign off "
              + pilot
              + " for your team. Read the confirmed pilot summary and the acceptance criteria"
              + " shown. Sign off, sign off with conditions (say which), or reject and say what must"
              + " be redone.";
      case "PilotIssueTriageForm" ->
          "A pilot issue of "
              + pilot
              + " waits for its first response, due by the SLA of its severity. Confirm the"
              + " severity and decide whether it gets a fix during the pilot; for a fix, choose the"
              + " component and a short topic (the fix branch is named after it).";
      case "PilotFeedbackCategorizationForm" ->
          "Categorize this feedback from "
              + pilot
              + " and list the enhancement candidates it names, one per line.";
      case "OnboardingConflictForm" ->
          "Routing "
              + pilot
              + " found a conflict with the current route shown. Clear or change that route, then"
              + " say what you did; routing runs again with the environment and region you give.";
      case "PilotSummaryForm" ->
          "Read the summary compiled from what "
              + pilot
              + " recorded, correct what it misses, keep the enhancement candidates worth an ADR,"
              + " and confirm.";
      case "EnhancementAdrForm" ->
          "Decide whether this enhancement candidate from "
              + pilot
              + " needs an ADR; if it does, give the ADR's title and link.";
      default -> task.getDescription();
    };
  }

  private static String formOf(DelegateTask task) {
    UserTask userTask = task.getBpmnModelElementInstance();
    return userTask == null || userTask.getCamundaFormRef() == null
        ? ""
        : userTask.getCamundaFormRef();
  }

  private static String text(DelegateTask task, String name) {
    Object value = task.getVariable(name);
    return value == null ? "" : value.toString();
  }
}
