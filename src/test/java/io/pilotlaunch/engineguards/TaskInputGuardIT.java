package io.pilotlaunch.engineguards;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_DEFINE_PILOT_SCOPE;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_FINALIZE_ONBOARDING_CHECKLIST;
import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PilotSteps;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.support.WebappSession;
import io.pilotlaunch.teams.Team;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A task accepts only what its form asks for, whoever sends it and however: a team member cannot
 * forge the start variables, another team's decision or the milestone status, nor hand a task to
 * someone else. Each refusal names the field and changes nothing.
 */
class TaskInputGuardIT extends PostgresIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static int pilotsStarted;

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired JdbcTemplate jdbc;

  private String tenantId;
  private String processInstanceId;
  private HttpCalls sre;
  private HttpCalls pm;

  @BeforeEach
  void aPilotIsInItsPreChecklist() {
    tenantId = "input-guard-" + ++pilotsStarted;
    processInstanceId = pilots.start(tenantId);
    sre = as(Team.DEVOPS_SRE, "guard-sre");
    pm = as(Team.PRODUCT_MANAGEMENT, "guard-pm");
  }

  @Test
  void theStartVariablesCannotBeForged() {
    Task task = claimed(TASK_FINALIZE_ONBOARDING_CHECKLIST, "guard-sre");
    Map<String, Object> before = runtimeService.getVariables(processInstanceId);

    for (Map.Entry<String, Object> forged :
        Map.<String, Object>of(
                Variables.TENANT_ID, "other-tenant",
                Variables.ENVIRONMENT, "production",
                Variables.REGION, "us-east-1",
                Variables.PILOT_START, "2020-01-01T00:00:00Z",
                Variables.PILOT_END, "2099-01-01T00:00:00Z",
                Variables.TENANT_NAME, "Someone else")
            .entrySet()) {
      Map<String, Object> variables = new LinkedHashMap<>(done());
      variables.put(forged.getKey(), forged.getValue());

      ResponseEntity<String> completed =
          sre.postJson("/engine-rest/task/" + task.getId() + "/complete", body(variables));

      assertThat(completed.getStatusCode().value())
          .as(forged.getKey() + ": " + completed.getBody())
          .isEqualTo(400);
      assertThat(completed.getBody())
          .contains("'" + forged.getKey() + "' is not a field of form", "Nothing was changed.");
    }
    assertNothingChanged(task, before);
  }

  @Test
  void anotherTeamsDecisionAndTheMilestoneStatusCannotBeForged() {
    Task task = claimed(TASK_FINALIZE_ONBOARDING_CHECKLIST, "guard-sre");
    Map<String, Object> before = runtimeService.getVariables(processInstanceId);

    for (String forged :
        List.of(
            "pilotScopeDefinedDone",
            "securityAccessValidationDecision",
            "milestoneStatus",
            "issueId")) {
      Map<String, Object> variables = new LinkedHashMap<>(done());
      variables.put(forged, forged.endsWith("Done") ? true : "approve");

      ResponseEntity<String> completed =
          sre.postJson("/engine-rest/task/" + task.getId() + "/complete", body(variables));
      ResponseEntity<String> submitted =
          sre.postJson("/engine-rest/task/" + task.getId() + "/submit-form", body(variables));

      assertThat(completed.getStatusCode().value())
          .as(forged + ": " + completed.getBody())
          .isEqualTo(400);
      assertThat(completed.getBody())
          .contains("'" + forged + "' is not a field of form ChecklistItemForm");
      assertThat(submitted.getStatusCode().value())
          .as(forged + ": " + submitted.getBody())
          .isEqualTo(400);
    }
    assertNothingChanged(task, before);
  }

  @Test
  void whatTasklistSendsIsAccepted() {
    Task task = claimed(TASK_FINALIZE_ONBOARDING_CHECKLIST, "guard-sre");
    Map<String, Object> variables = new LinkedHashMap<>(done());
    // Tasklist submits the read-only fields as shown, and "" for those the task has no value for.
    variables.put("details", "");

    ResponseEntity<String> submitted =
        sre.postJson("/engine-rest/task/" + task.getId() + "/submit-form", body(variables));

    assertThat(submitted.getStatusCode().value()).as(submitted.getBody()).isIn(200, 204);
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isZero();
    assertThat(runtimeService.getVariable(processInstanceId, "onboardingChecklistFinalizedDone"))
        .isEqualTo(true);
  }

  @Test
  void requiredFieldsAndTheNotDoneCommentAreEnforcedOnTheServer() {
    Task task = claimed(TASK_FINALIZE_ONBOARDING_CHECKLIST, "guard-sre");
    Map<String, Object> before = runtimeService.getVariables(processInstanceId);
    String complete = "/engine-rest/task/" + task.getId() + "/complete";

    ResponseEntity<String> notDoneWithoutComment =
        sre.postJson(complete, body(Map.of("done", false, "comment", " ")));
    ResponseEntity<String> doneWithoutEvidence = sre.postJson(complete, body(Map.of("done", true)));
    ResponseEntity<String> scriptAsEvidence =
        sre.postJson(complete, body(Map.of("done", true, "evidenceLink", "javascript:alert(1)")));
    ResponseEntity<String> wrongType =
        sre.postJson(complete, body(Map.of("done", "yes", "comment", "typed as text")));

    assertThat(notDoneWithoutComment.getStatusCode().value()).isEqualTo(400);
    assertThat(message(notDoneWithoutComment))
        .isEqualTo(
            "Comment is required while Done is not ticked: say what is missing and who is on it."
                + " Nothing was changed.");
    assertThat(field(notDoneWithoutComment)).isEqualTo("comment");
    assertThat(doneWithoutEvidence.getStatusCode().value()).isEqualTo(400);
    assertThat(message(doneWithoutEvidence)).startsWith("Evidence link is required.");
    assertThat(field(doneWithoutEvidence)).isEqualTo("evidenceLink");
    assertThat(scriptAsEvidence.getStatusCode().value()).isEqualTo(400);
    assertThat(message(scriptAsEvidence))
        .startsWith("Evidence link: give a web address that starts with https:// or http://");
    assertThat(wrongType.getStatusCode().value()).isEqualTo(400);
    assertThat(message(wrongType)).startsWith("Done must be ticked or not.");
    assertNothingChanged(task, before);

    ResponseEntity<String> notDoneWithComment =
        sre.postJson(
            complete, body(Map.of("done", false, "comment", "waiting for the runbook review")));
    assertThat(notDoneWithComment.getStatusCode().value())
        .as(notDoneWithComment.getBody())
        .isEqualTo(204);
  }

  /**
   * The fields a form hides for the input do not apply to it: an evidence link on an item not done,
   * a rejection reason on an approval. They are not stored, so the export shows only what applies.
   */
  @Test
  void aSubmitKeepsOnlyTheFieldsThatApplyToItsDecision() {
    Task item = claimed(TASK_FINALIZE_ONBOARDING_CHECKLIST, "guard-sre");
    ResponseEntity<String> notDone =
        sre.postJson(
            "/engine-rest/task/" + item.getId() + "/complete",
            body(
                Map.of(
                    "done", false,
                    "evidenceLink", "https://wiki.example.test/left-over-evidence",
                    "comment", "waiting for the runbook review")));
    assertThat(notDone.getStatusCode().value()).as(notDone.getBody()).isEqualTo(204);
    assertThat(runtimeService.getVariable(processInstanceId, "onboardingChecklistFinalizedDone"))
        .isEqualTo(false);
    assertThat(runtimeService.getVariables(processInstanceId))
        .as("the form's fields stay in the task's own scope")
        .doesNotContainKeys("done", "evidenceLink", "comment");

    for (String preChecklistItem :
        List.of(
            TASK_DEFINE_PILOT_SCOPE,
            MvpPilotLaunchProcess.Elements.TASK_DOCUMENT_ROLLBACK_PATHS,
            MvpPilotLaunchProcess.Elements.TASK_DOCUMENT_SUPPORT_OWNERSHIP,
            MvpPilotLaunchProcess.Elements.TASK_CONFIRM_ROADMAP_STATUS)) {
      pilots.complete(processInstanceId, preChecklistItem, PilotSteps.done());
    }
    pilots.complete(
        processInstanceId,
        MvpPilotLaunchProcess.Elements.TASK_RESOLVE_PRE_CHECKLIST_DRIFT,
        PilotSteps.done());
    pilots.complete(processInstanceId, TASK_FINALIZE_ONBOARDING_CHECKLIST, PilotSteps.done());
    pilots.complete(
        processInstanceId,
        MvpPilotLaunchProcess.Elements.TASK_CONFIRM_ONBOARDING_PR_MERGED,
        PilotSteps.done());
    pilots.complete(
        processInstanceId,
        MvpPilotLaunchProcess.Elements.TASK_EXECUTE_ONBOARDING_VERIFICATION,
        PilotSteps.done());
    String security = users.memberOf(Team.SECURITY_COMPLIANCE, "guard-security");
    Task review = claimed(MvpPilotLaunchProcess.Elements.TASK_VALIDATE_SECURITY_ACCESS, security);

    ResponseEntity<String> approved =
        http()
            .as(security, passwordOf(security))
            .postJson(
                "/engine-rest/task/" + review.getId() + "/submit-form",
                body(
                    Map.of(
                        "decision", "approve",
                        "comment", "roles and isolation checked",
                        "rejectionReason", "a reason typed before changing the decision")));

    assertThat(approved.getStatusCode().value()).as(approved.getBody()).isIn(200, 204);
    assertThat(
            runtimeService.getVariable(
                processInstanceId, Variables.SECURITY_ACCESS_VALIDATION_DECISION))
        .isEqualTo("approve");
    assertThat(runtimeService.getVariables(processInstanceId))
        .doesNotContainKeys("decision", "comment", "rejectionReason");
    String export = pm.get("/api/pilots/" + tenantId + "/milestone.md", "text/markdown").getBody();
    assertThat(export)
        .contains("Approved by " + security, "roles and isolation checked")
        .doesNotContain(
            "a reason typed before changing the decision", "left-over-evidence", "reason: ");
  }

  @Test
  void taskVariablesCannotBeWrittenOrRemovedBesideTheForm() {
    Task task = claimed(TASK_FINALIZE_ONBOARDING_CHECKLIST, "guard-sre");
    Map<String, Object> before = runtimeService.getVariables(processInstanceId);
    String variables = "/engine-rest/task/" + task.getId();

    List<ResponseEntity<String>> answers =
        List.of(
            sre.putJson(
                variables + "/variables/tenantId",
                "{\"value\":\"other-tenant\",\"type\":\"String\"}"),
            sre.putJson(
                variables + "/localVariables/milestoneStatus",
                "{\"value\":\"Completed\",\"type\":\"String\"}"),
            sre.postJson(
                variables + "/variables",
                "{\"modifications\":{\"tenantId\":{\"value\":\"other-tenant\"}}}"),
            sre.postJson(
                variables + "/localVariables",
                "{\"modifications\":{\"pilotEnd\":{\"value\":\"2099-01-01\"}}}"),
            sre.postJson(variables + "/variables", "{\"deletions\":[\"tenantId\"]}"),
            sre.delete(variables + "/variables/tenantId"),
            sre.delete(variables + "/variables/pilotEnd"));

    for (int i = 0; i < answers.size(); i++) {
      ResponseEntity<String> answer = answers.get(i);
      assertThat(answer.getStatusCode().value())
          .as("call " + (i + 1) + ": " + answer.getBody())
          .isIn(400, 403);
    }
    assertNothingChanged(task, before);
  }

  @Test
  void aTaskIsClaimedForOneselfOnlyUnlessByAnAdmin() {
    Task task = taskOf(TASK_DEFINE_PILOT_SCOPE);
    String qa = users.memberOf(Team.QA_TESTING, "guard-qa");

    ResponseEntity<String> forSomeoneElse =
        pm.postJson("/engine-rest/task/" + task.getId() + "/claim", "{\"userId\":\"" + qa + "\"}");
    ResponseEntity<String> assigned =
        pm.postJson(
            "/engine-rest/task/" + task.getId() + "/assignee", "{\"userId\":\"" + qa + "\"}");

    assertThat(forSomeoneElse.getStatusCode().value()).isEqualTo(403);
    assertThat(forSomeoneElse.getBody()).contains("may claim tasks for themselves only");
    assertThat(assigned.getStatusCode().value()).isEqualTo(403);
    assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee())
        .isNull();

    ResponseEntity<String> byAdmin =
        http()
            .as(ADMIN_USER, ADMIN_PASSWORD)
            .postJson("/engine-rest/task/" + task.getId() + "/claim", "{\"userId\":\"guard-pm\"}");
    assertThat(byAdmin.getStatusCode().value()).isEqualTo(204);
    assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee())
        .isEqualTo("guard-pm");
  }

  @Test
  void noTeamThrowsBpmnErrorsOrEscalationsFromItsTasks() {
    Task task = claimed(TASK_FINALIZE_ONBOARDING_CHECKLIST, "guard-sre");

    ResponseEntity<String> error =
        sre.postJson(
            "/engine-rest/task/" + task.getId() + "/bpmnError",
            "{\"errorCode\":\"ONBOARDING_CONFLICT\",\"variables\":{\"tenantId\":{\"value\":\"other\"}}}");
    ResponseEntity<String> escalation =
        sre.postJson(
            "/engine-rest/task/" + task.getId() + "/bpmnEscalation",
            "{\"escalationCode\":\"anything\"}");

    assertThat(error.getStatusCode().value()).isEqualTo(403);
    assertThat(escalation.getStatusCode().value()).isEqualTo(403);
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isOne();
  }

  @Test
  void aStartAcceptsOnlyTheFieldsOfTheStartForm() {
    Map<String, Object> start =
        new LinkedHashMap<>(
            Map.of(
                Variables.TENANT_ID,
                tenantId + "-started",
                Variables.TENANT_NAME,
                "Started by REST",
                Variables.ENVIRONMENT,
                FORM_ENVIRONMENT,
                Variables.REGION,
                FORM_REGION,
                Variables.PILOT_START,
                "2026-12-01",
                Variables.PILOT_END,
                "2027-01-15"));
    Map<String, Object> forged = new LinkedHashMap<>(start);
    forged.put("milestoneStatus", "Completed");
    String byKey = "/engine-rest/process-definition/key/" + MvpPilotLaunchProcess.PROCESS_ID + "/";

    ResponseEntity<String> started = pm.postJson(byKey + "start", body(forged));
    ResponseEntity<String> submitted = pm.postJson(byKey + "submit-form", body(forged));
    ResponseEntity<String> inTheMiddle =
        pm.postJson(
            byKey + "start",
            "{\"variables\":"
                + variables(start)
                + ",\"startInstructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"Task_SetMilestoneStatusCompleted\"}]}");

    assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(400);
    assertThat(started.getBody())
        .contains("'milestoneStatus' is not a field of form StartPilotForm");
    assertThat(submitted.getStatusCode().value()).as(submitted.getBody()).isEqualTo(400);
    assertThat(inTheMiddle.getStatusCode().value()).as(inTheMiddle.getBody()).isEqualTo(403);
    assertThat(
            runtimeService
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(tenantId + "-started")
                .count())
        .isZero();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from pilot.pilot_run where tenant_id = ?",
                Integer.class,
                tenantId + "-started"))
        .isZero();

    ResponseEntity<String> valid = pm.postJson(byKey + "submit-form", body(start));
    assertThat(valid.getStatusCode().value()).as(valid.getBody()).isEqualTo(200);
  }

  @Test
  void theWebappsApiRefusesForgedInputToo() {
    Task task = claimed(TASK_FINALIZE_ONBOARDING_CHECKLIST, "guard-sre");
    Map<String, Object> before = runtimeService.getVariables(processInstanceId);
    WebappSession tasklist =
        WebappSession.logIn("http://localhost:" + port, "guard-sre", passwordOf("guard-sre"));
    Map<String, Object> variables = new LinkedHashMap<>(done());
    variables.put(Variables.TENANT_ID, "other-tenant");

    ResponseEntity<String> submitted =
        tasklist.send(
            "POST",
            "/camunda/api/engine/engine/default/task/" + task.getId() + "/submit-form",
            body(variables));

    assertThat(submitted.getStatusCode().value()).as(submitted.getBody()).isEqualTo(400);
    assertThat(submitted.getBody()).contains("'tenantId' is not a field of form ChecklistItemForm");
    assertNothingChanged(task, before);
  }

  private void assertNothingChanged(Task task, Map<String, Object> before) {
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count())
        .as("the task is still open")
        .isOne();
    assertThat(runtimeService.getVariables(processInstanceId)).isEqualTo(before);
  }

  private Task claimed(String taskKey, String userId) {
    Task task = taskOf(taskKey);
    taskService.claim(task.getId(), userId);
    return task;
  }

  private Task taskOf(String taskKey) {
    return pilots.awaitTask(processInstanceId, taskKey);
  }

  private HttpCalls as(Team team, String userId) {
    users.memberOf(team, userId);
    return http().as(userId, passwordOf(userId));
  }

  private static Map<String, Object> done() {
    return Map.of(
        "done",
        true,
        "evidenceLink",
        "https://wiki.example.test/onboarding",
        "comment",
        "finalized");
  }

  /** What a person reads: the message of Camunda's error body. */
  private static String message(ResponseEntity<String> answer) {
    try {
      return JSON.readTree(answer.getBody()).path("message").asText();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(answer.getBody(), e);
    }
  }

  /** What an integrator's code reads: the key of the first refused field. */
  private static String field(ResponseEntity<String> answer) {
    try {
      return JSON.readTree(answer.getBody()).path("errors").path(0).path("field").asText();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(answer.getBody(), e);
    }
  }

  private static String body(Map<String, Object> variables) {
    return "{\"variables\":" + variables(variables) + "}";
  }

  private static String variables(Map<String, Object> variables) {
    Map<String, Object> typed = new LinkedHashMap<>();
    variables.forEach((name, value) -> typed.put(name, Map.of("value", value)));
    try {
      return JSON.writeValueAsString(typed);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
