package io.pilotlaunch.teams;

import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PostgresIntegrationTest;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/** A team works the tasks of its own candidate group, through REST, and no other team's. */
class TaskIsolationIT extends PostgresIntegrationTest {

  private static final String PROCESS = "TeamIsolationCheck";

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  private String deploymentId;
  private String processInstanceId;
  private String taskId;

  @BeforeEach
  void anArchitectureTaskIsOpen() {
    BpmnModelInstance model =
        Bpmn.createExecutableProcess(PROCESS)
            .camundaHistoryTimeToLive(1)
            .startEvent()
            .userTask("Task_ReviewArchitecture")
            .name("Review architecture")
            .camundaCandidateGroups(Team.ARCHITECTURE.groupId())
            .endEvent()
            .done();
    deploymentId =
        repositoryService
            .createDeployment()
            .addModelInstance(PROCESS + ".bpmn", model)
            .deploy()
            .getId();
    processInstanceId = runtimeService.startProcessInstanceByKey(PROCESS).getId();
    taskId =
        taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult().getId();
  }

  @AfterEach
  void removeTheCheck() {
    repositoryService.deleteDeployment(deploymentId, true);
  }

  @Test
  void anotherTeamNeitherSeesNorWorksTheTask() {
    HttpCalls qa = asMemberOf(Team.QA_TESTING, "isolation-qa");

    assertThat(qa.get("/engine-rest/task?processInstanceId=" + processInstanceId).getBody())
        .isEqualTo("[]");
    assertThat(qa.get("/engine-rest/task/" + taskId).getStatusCode().value()).isIn(403, 404);
    assertThat(
            qa.postJson("/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"isolation-qa\"}")
                .getStatusCode()
                .value())
        .isEqualTo(403);
    assertThat(
            qa.postJson("/engine-rest/task/" + taskId + "/complete", "{}").getStatusCode().value())
        .isEqualTo(403);

    assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();
    assertThat(
            runtimeService
                .createProcessInstanceQuery()
                .processInstanceId(processInstanceId)
                .count())
        .isOne();
  }

  @Test
  void anotherTeamDoesNotLearnWhoHoldsTheTask() {
    HttpCalls architect = asMemberOf(Team.ARCHITECTURE, "isolation-holder");
    HttpCalls qa = asMemberOf(Team.QA_TESTING, "isolation-qa");
    assertThat(
            architect
                .postJson(
                    "/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"isolation-holder\"}")
                .getStatusCode()
                .value())
        .isEqualTo(204);

    ResponseEntity<String> refused =
        qa.postJson("/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"isolation-qa\"}");

    // the engine's refusal, not the conflict that would name the holder
    assertThat(refused.getStatusCode().value()).isEqualTo(403);
    assertThat(refused.getBody()).doesNotContain("isolation-holder");
    assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee())
        .isEqualTo("isolation-holder");
  }

  @Test
  void theOwningTeamSeesClaimsAndCompletesIt() {
    HttpCalls architect = asMemberOf(Team.ARCHITECTURE, "isolation-architect");

    assertThat(architect.get("/engine-rest/task?processInstanceId=" + processInstanceId).getBody())
        .contains("\"id\":\"" + taskId + "\"", "Review architecture");
    assertThat(
            architect
                .postJson(
                    "/engine-rest/task/" + taskId + "/claim",
                    "{\"userId\":\"isolation-architect\"}")
                .getStatusCode()
                .value())
        .isEqualTo(204);
    assertThat(
            architect
                .postJson("/engine-rest/task/" + taskId + "/complete", "{}")
                .getStatusCode()
                .value())
        .isEqualTo(204);

    assertThat(
            runtimeService
                .createProcessInstanceQuery()
                .processInstanceId(processInstanceId)
                .count())
        .isZero();
  }

  private HttpCalls asMemberOf(Team team, String userId) {
    users.memberOf(team, userId);
    return http().as(userId, passwordOf(userId));
  }
}
