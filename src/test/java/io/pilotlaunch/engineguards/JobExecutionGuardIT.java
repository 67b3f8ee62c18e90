package io.pilotlaunch.engineguards;

import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.teams.Team;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * Executing a job by hand is refused to the teams before anything happens: no retry used, no
 * exception stored, no incident. Camunda 7.24 counted a refused call as a failure of the job.
 */
class JobExecutionGuardIT extends PostgresIntegrationTest {

  private static final String PROCESS = "JobExecutionCheck";

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;

  private String deploymentId;
  private String processInstanceId;

  @BeforeEach
  void aTimerWaits() {
    deploymentId =
        repositoryService
            .createDeployment()
            .addModelInstance(
                PROCESS + ".bpmn",
                Bpmn.createExecutableProcess(PROCESS)
                    .camundaHistoryTimeToLive(1)
                    .startEvent()
                    .intermediateCatchEvent("Timer_InAnHour")
                    .timerWithDuration("PT1H")
                    .userTask("Task_AfterTheTimer")
                    .camundaCandidateGroups(Team.DEVOPS_SRE.groupId())
                    .endEvent()
                    .done())
            .deploy()
            .getId();
    processInstanceId = runtimeService.startProcessInstanceByKey(PROCESS).getId();
  }

  @AfterEach
  void removeTheCheck() {
    repositoryService.deleteDeployment(deploymentId, true);
  }

  @Test
  void aTeamMemberCannotExecuteAJobAndTheRefusalChangesNothing() {
    Job timer = timer();
    for (Team team : new Team[] {Team.DEVOPS_SRE, Team.QA_TESTING}) {
      HttpCalls member = as(team, "jobs-" + team.groupId());
      for (int i = 0; i < timer.getRetries() + 2; i++) {
        ResponseEntity<String> executed =
            member.postJson("/engine-rest/job/" + timer.getId() + "/execute", "");
        assertThat(executed.getStatusCode().value())
            .as(team + ": " + executed.getBody())
            .isEqualTo(403);
      }
    }

    Job after = timer();
    assertThat(after.getRetries()).isEqualTo(timer.getRetries());
    assertThat(after.getExceptionMessage()).isNull();
    assertThat(runtimeService.createIncidentQuery().processInstanceId(processInstanceId).count())
        .isZero();
    assertThat(
            managementService
                .createJobQuery()
                .processInstanceId(processInstanceId)
                .withException()
                .count())
        .isZero();
  }

  @Test
  void anyJobIsRefusedToATeamAndAnAdminMayExecuteOne() {
    HttpCalls sre = as(Team.DEVOPS_SRE, "jobs-sre-unknown");
    ResponseEntity<String> unknown = sre.postJson("/engine-rest/job/no-such-job/execute", "");
    assertThat(unknown.getStatusCode().value()).isEqualTo(403);
    assertThat(unknown.getBody()).contains("may not execute job");

    ResponseEntity<String> byAdmin =
        http()
            .as(ADMIN_USER, ADMIN_PASSWORD)
            .postJson("/engine-rest/job/" + timer().getId() + "/execute", "");

    assertThat(byAdmin.getStatusCode().value()).as(byAdmin.getBody()).isEqualTo(204);
    assertThat(managementService.createJobQuery().processInstanceId(processInstanceId).count())
        .isZero();
  }

  private Job timer() {
    return managementService.createJobQuery().processInstanceId(processInstanceId).singleResult();
  }

  private HttpCalls as(Team team, String userId) {
    users.memberOf(team, userId);
    return http().as(userId, passwordOf(userId));
  }
}
