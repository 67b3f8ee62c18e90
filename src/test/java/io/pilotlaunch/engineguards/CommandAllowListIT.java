package io.pilotlaunch.engineguards;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_DEFINE_PILOT_SCOPE;
import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.support.WebappSession;
import io.pilotlaunch.teams.Team;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * A person who is not an admin runs only the engine commands their work needs. What Camunda's
 * grants would have let them do besides (restart a finished process, move a timer, change a task's
 * other fields, write variables, attach files, delete themselves) is refused with 403 naming it,
 * through /engine-rest and the webapps' API alike, and changes nothing.
 */
class CommandAllowListIT extends PostgresIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHECK = "AllowListCheck";

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired AuthorizationService authorizationService;
  @Autowired IdentityService identityService;

  private String pm;
  private String sre;
  private HttpCalls asPm;
  private HttpCalls asSre;

  @BeforeEach
  void theOwnersMayReadAndRestartAndRetryWhatTheEngineAllows() {
    pm = users.memberOf(Team.PRODUCT_MANAGEMENT, "allow-pm");
    sre = users.memberOf(Team.DEVOPS_SRE, "allow-sre");
    asPm = http().as(pm, passwordOf(pm));
    asSre = http().as(sre, passwordOf(sre));
    if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(CHECK).count() == 0) {
      repositoryService
          .createDeployment()
          .addModelInstance(
              CHECK + ".bpmn",
              Bpmn.createExecutableProcess(CHECK)
                  .camundaHistoryTimeToLive(1)
                  .startEvent()
                  .exclusiveGateway()
                  .condition("fails", "${fail}")
                  .serviceTask("Task_Fails")
                  .camundaAsyncBefore()
                  .camundaFailedJobRetryTimeCycle("R1/PT1S")
                  .camundaExpression("${doesNotExist.call()}")
                  .endEvent()
                  .moveToLastGateway()
                  .condition("waits", "${!fail}")
                  .intermediateCatchEvent("Timer_InADay")
                  .timerWithDuration("P1D")
                  .endEvent()
                  .done())
          .deploy();
      // what Camunda needs for restart and retries: the engine itself would allow both
      grant(
          Team.PRODUCT_MANAGEMENT,
          ProcessDefinitionPermissions.READ,
          ProcessDefinitionPermissions.READ_HISTORY);
      grant(
          Team.DEVOPS_SRE,
          ProcessDefinitionPermissions.RETRY_JOB,
          ProcessDefinitionPermissions.READ_INSTANCE);
    }
  }

  @Test
  void aFinishedProcessIsNotRestartedSyncOrAsync() {
    String finished =
        runtimeService.startProcessInstanceByKey(CHECK, Map.of("fail", false)).getId();
    runtimeService.deleteProcessInstance(finished, "finished for the test");
    String definitionId =
        historyService
            .createHistoricProcessInstanceQuery()
            .processInstanceId(finished)
            .singleResult()
            .getProcessDefinitionId();
    String restart =
        "{\"processInstanceIds\":[\""
            + finished
            + "\"],\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"Timer_InADay\"}],"
            + "\"skipCustomListeners\":true,\"skipIoMappings\":true}";
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey(CHECK).count();

    ResponseEntity<String> sync =
        asPm.postJson("/engine-rest/process-definition/" + definitionId + "/restart", restart);
    ResponseEntity<String> async =
        asPm.postJson(
            "/engine-rest/process-definition/" + definitionId + "/restart-async", restart);
    WebappSession webapps = WebappSession.logIn("http://localhost:" + port, pm, passwordOf(pm));
    ResponseEntity<String> throughTasklist =
        webapps.send(
            "POST",
            "/camunda/api/engine/engine/default/process-definition/" + definitionId + "/restart",
            restart);

    assertRefused(sync, "may not restart process instances");
    assertRefused(async, "may not restart process instances batch");
    assertRefused(throughTasklist, "may not restart process instances");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(CHECK).count())
        .isEqualTo(before);
    assertThat(managementService.createBatchQuery().count()).isZero();
  }

  @Test
  void aPilotIsNotModifiedNorMigratedAndItsVariablesAreNotWritten() {
    String pilot = pilots.start("allow-modify-" + System.nanoTime());
    Task scope = pilots.awaitTask(pilot, TASK_DEFINE_PILOT_SCOPE);

    assertRefused(
        asPm.postJson(
            "/engine-rest/process-instance/" + pilot + "/modification",
            "{\"instructions\":[{\"type\":\"cancel\",\"activityId\":\""
                + TASK_DEFINE_PILOT_SCOPE
                + "\"}]}"),
        "may not modify process instance");
    assertRefused(
        asPm.postJson(
            "/engine-rest/migration/execute",
            "{\"migrationPlan\":{\"sourceProcessDefinitionId\":\"a\",\"targetProcessDefinitionId\":\"b\",\"instructions\":[]},"
                + "\"processInstanceIds\":[\""
                + pilot
                + "\"]}"),
        "may not");
    assertRefused(
        asPm.putJson(
            "/engine-rest/process-instance/" + pilot + "/variables/milestoneStatus",
            "{\"value\":\"Completed\",\"type\":\"String\"}"),
        "may not set execution variables");
    assertRefused(
        asPm.putJson(
            "/engine-rest/task/" + scope.getId() + "/localVariables/comment",
            "{\"value\":\"written beside the form\",\"type\":\"String\"}"),
        "may not set task variables");
    assertRefused(
        asPm.putJson(
            "/engine-rest/process-instance/" + pilot + "/suspended", "{\"suspended\":true}"),
        "may not");

    assertThat(runtimeService.getVariable(pilot, "milestoneStatus")).isNotEqualTo("Completed");
    assertThat(taskService.getVariableLocal(scope.getId(), "comment")).isNull();
    assertThat(taskService.createTaskQuery().taskId(scope.getId()).singleResult().isSuspended())
        .isFalse();
  }

  @Test
  void theTechnicalOwnerRetriesAFailedJobButMovesNoTimer() {
    String failing = runtimeService.startProcessInstanceByKey(CHECK, Map.of("fail", true)).getId();
    String waiting = runtimeService.startProcessInstanceByKey(CHECK, Map.of("fail", false)).getId();
    Job failed =
        await("the job fails for good")
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    managementService
                        .createJobQuery()
                        .processInstanceId(failing)
                        .noRetriesLeft()
                        .singleResult(),
                job -> job != null);
    Job timer = managementService.createJobQuery().processInstanceId(waiting).singleResult();

    assertRefused(
        asSre.putJson(
            "/engine-rest/job/" + timer.getId() + "/retries",
            "{\"retries\":3,\"dueDate\":\"2020-01-01T00:00:00.000+0000\"}"),
        "keeping their due date");
    assertRefused(
        asSre.putJson("/engine-rest/job/" + timer.getId() + "/retries", "{\"retries\":3}"),
        "has not failed");
    assertRefused(
        asSre.putJson(
            "/engine-rest/job/" + failed.getId() + "/retries",
            "{\"retries\":1,\"dueDate\":\"2020-01-01T00:00:00.000+0000\"}"),
        "keeping their due date");
    assertRefused(
        asSre.putJson("/engine-rest/job/" + timer.getId() + "/duedate", "{\"duedate\":null}"),
        "may not set job duedate");
    assertRefused(
        asSre.postJson(
            "/engine-rest/job/retries", "{\"jobIds\":[\"" + failed.getId() + "\"],\"retries\":1}"),
        "may not");
    assertRefused(
        asPm.putJson("/engine-rest/job/" + failed.getId() + "/retries", "{\"retries\":1}"),
        "Only the technical owner may retry a failed job");
    assertThat(managementService.createJobQuery().jobId(timer.getId()).singleResult().getDuedate())
        .isEqualTo(timer.getDuedate());

    ResponseEntity<String> retried =
        asSre.putJson("/engine-rest/job/" + failed.getId() + "/retries", "{\"retries\":1}");

    assertThat(retried.getStatusCode().value()).as(retried.getBody()).isEqualTo(204);
    assertThat(managementService.createJobQuery().jobId(failed.getId()).singleResult().getRetries())
        .isEqualTo(1);
  }

  @Test
  void aTaskSaveChangesItsDatesOnlyAndATeamMemberGivesBackOnlyWhatTheyHold() throws Exception {
    String pilot = pilots.start("allow-save-" + System.nanoTime());
    Task scope = pilots.awaitTask(pilot, TASK_DEFINE_PILOT_SCOPE);
    String other = users.memberOf(Team.PRODUCT_MANAGEMENT, "allow-pm-other");
    ObjectNode task =
        (ObjectNode) JSON.readTree(asPm.get("/engine-rest/task/" + scope.getId()).getBody());
    task.put("caseInstanceId", "forged-case");

    assertRefused(
        asPm.putJson("/engine-rest/task/" + scope.getId(), task.toString()), "not caseInstanceId");
    assertRefused(
        asPm.postJson("/engine-rest/task/create", "{\"id\":\"made-up-task\",\"name\":\"x\"}"),
        "may not create task");
    assertThat(taskService.createTaskQuery().taskId("made-up-task").count()).isZero();

    taskService.claim(scope.getId(), other);
    assertRefused(
        asPm.postJson("/engine-rest/task/" + scope.getId() + "/unclaim", ""),
        "may give back a task they hold");
    assertRefused(
        asPm.postJson("/engine-rest/task/" + scope.getId() + "/claim", "{\"userId\":null}"),
        "may claim tasks for themselves only");
    assertThat(taskService.createTaskQuery().taskId(scope.getId()).singleResult().getAssignee())
        .isEqualTo(other);

    taskService.setAssignee(scope.getId(), pm);
    ResponseEntity<String> givenBack =
        asPm.postJson("/engine-rest/task/" + scope.getId() + "/unclaim", "");
    assertThat(givenBack.getStatusCode().value()).as(givenBack.getBody()).isEqualTo(204);
    assertThat(taskService.createTaskQuery().taskId(scope.getId()).singleResult().getAssignee())
        .isNull();
    assertThat(
            historyService
                .createHistoricTaskInstanceQuery()
                .taskId(scope.getId())
                .singleResult()
                .getCaseInstanceId())
        .isNull();
  }

  @Test
  void commentsHaveALimitAndAttachmentsAreOff() {
    String pilot = pilots.start("allow-comment-" + System.nanoTime());
    Task scope = pilots.awaitTask(pilot, TASK_DEFINE_PILOT_SCOPE);
    String comments = "/engine-rest/task/" + scope.getId() + "/comment/create";

    ResponseEntity<String> huge =
        asPm.postJson(comments, "{\"message\":\"" + "x".repeat(4 * 1024 * 1024) + "\"}");
    ResponseEntity<String> tooLong =
        asPm.postJson(comments, "{\"message\":\"" + "x".repeat(4001) + "\"}");
    ResponseEntity<String> fits =
        asPm.postJson(comments, "{\"message\":\"" + "x".repeat(4000) + "\"}");
    ResponseEntity<String> attachment =
        asPm.post(
            "/engine-rest/task/" + scope.getId() + "/attachment/create",
            "multipart/form-data; boundary=B",
            "--B\r\nContent-Disposition: form-data; name=\"attachment-name\"\r\n\r\nnotes\r\n"
                + "--B\r\nContent-Disposition: form-data; name=\"url\"\r\n\r\nhttps://example.org\r\n"
                + "--B--\r\n");

    assertThat(huge.getStatusCode().value()).as(huge.getBody()).isEqualTo(413);
    assertThat(tooLong.getStatusCode().value()).as(tooLong.getBody()).isEqualTo(400);
    assertThat(tooLong.getBody()).contains("A comment may have at most 4000 characters");
    assertThat(fits.getStatusCode().value()).as(fits.getBody()).isEqualTo(200);
    assertRefused(attachment, "may not create attachment");
    assertThat(taskService.getTaskComments(scope.getId())).hasSize(1);
    assertThat(taskService.getTaskAttachments(scope.getId())).isEmpty();
  }

  @Test
  void aUserChangesTheirOwnPasswordWithinThePolicyAndNothingElseOfTheirAccount() {
    String qa = users.memberOf(Team.QA_TESTING, "allow-qa-" + System.nanoTime());
    HttpCalls asQa = http().as(qa, passwordOf(qa));
    String credentials = "/engine-rest/user/" + qa + "/credentials";

    ResponseEntity<String> weak =
        asQa.putJson(
            credentials,
            "{\"password\":\"a\",\"authenticatedUserPassword\":\"" + passwordOf(qa) + "\"}");
    assertThat(weak.getStatusCode().value()).as(weak.getBody()).isEqualTo(400);
    assertThat(weak.getBody())
        .contains("The password must have at least 12 characters")
        .doesNotContain("Exception:");

    assertRefused(asQa.delete("/engine-rest/user/" + qa), "may not delete user");
    assertRefused(
        asQa.putJson(
            "/engine-rest/user/" + qa + "/profile",
            "{\"id\":\"" + qa + "\",\"firstName\":\"Mallory\",\"lastName\":\"X\"}"),
        "may change their own password only");
    assertRefused(
        asQa.putJson("/engine-rest/group/" + Team.ARCHITECTURE.groupId() + "/members/" + qa, ""),
        "may not create membership");
    ResponseEntity<String> someoneElses =
        asQa.putJson(
            "/engine-rest/user/" + pm + "/credentials",
            "{\"password\":\"Another-secret-42\",\"authenticatedUserPassword\":\""
                + passwordOf(qa)
                + "\"}");
    assertThat(someoneElses.getStatusCode().value())
        .as("another user is out of sight or out of reach: " + someoneElses.getBody())
        .isIn(403, 404);
    assertThat(identityService.createUserQuery().userId(qa).singleResult().getFirstName())
        .isEqualTo("Test");
    assertThat(identityService.createUserQuery().userId(qa).memberOfGroup("architecture").count())
        .isZero();
    assertThat(identityService.checkPassword(pm, passwordOf(pm))).isTrue();

    ResponseEntity<String> strong =
        asQa.putJson(
            credentials,
            "{\"password\":\"A-much-better-secret-7\",\"authenticatedUserPassword\":\""
                + passwordOf(qa)
                + "\"}");
    assertThat(strong.getStatusCode().value()).as(strong.getBody()).isEqualTo(204);
    assertThat(
            http()
                .as(qa, "A-much-better-secret-7")
                .get("/engine-rest/task/count")
                .getStatusCode()
                .value())
        .isEqualTo(200);
  }

  private void grant(Team team, Permission... permissions) {
    Authorization grant =
        authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setGroupId(team.groupId());
    grant.setResource(Resources.PROCESS_DEFINITION);
    grant.setResourceId(CHECK);
    for (Permission permission : permissions) {
      grant.addPermission(permission);
    }
    authorizationService.saveAuthorization(grant);
  }

  static void assertRefused(ResponseEntity<String> answer, String words) {
    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(403);
    JsonNode body = read(answer.getBody());
    assertThat(body.path("message").asText()).contains(words).doesNotContain("Cmd");
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }
}
