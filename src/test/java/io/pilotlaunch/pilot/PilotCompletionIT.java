package io.pilotlaunch.pilot;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.*;
import static io.pilotlaunch.support.PilotDriver.approve;
import static io.pilotlaunch.support.PilotDriver.done;
import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlaunch.process.PostMvpEnhancementsProcess;
import io.pilotlaunch.support.Eventually;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PilotApi;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.teams.Team;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A whole pilot on the real stack: its service tasks run for real, its end is recorded. */
class PilotCompletionIT extends PostgresIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aPilotRunToItsEndIsCompletedAndHandsItsCandidatesToMilestone7() throws Exception {
    HttpCalls pm = member(Team.PRODUCT_MANAGEMENT);
    assertThat(pm.postJson("/api/pilots", PilotApi.startBody("complete-co")).statusCode()).isEqualTo(201);
    String pilot = jdbc.queryForObject("select process_instance_id from pilot.pilot_run where tenant_id = 'complete-co'",
        String.class);
    pilots.passPreChecklist(pilot);
    pilots.passPhase1(pilot);

    assertThat(member(Team.DOCS_STANDARDS).postJson("/api/pilots/complete-co/feedback",
        "{\"externalId\": \"FB-1\", \"text\": \"Bulk import, please\", \"source\": \"survey\"}").statusCode())
        .isEqualTo(202);
    pilots.complete(pilot, TASK_CATEGORIZE_PILOT_FEEDBACK, Map.of("category", "enhancement",
        "enhancementCandidates", "Bulk import\nSingle sign-on\n"));
    pilots.complete(pilot, TASK_MONITOR_PILOT, done());
    for (String review : List.of(TASK_REVIEW_SUPPORT_SLAS, TASK_REVIEW_FIXES_TESTED, TASK_REVIEW_FEEDBACK_MAPPING)) {
      pilots.complete(pilot, review, approve());
    }

    pilots.complete(pilot, TASK_PRODUCE_PILOT_SUMMARY, Map.of("summary", "# Summary\nAll good.",
        "adrCandidates", "Bulk import\nSingle sign-on", "confirmed", true));
    pilots.complete(pilot, TASK_CONFIRM_MVP_ACCEPTANCE_CRITERIA, done());
    List<Task> adrTasks = Eventually.await("two ADR tasks", () -> {
      List<Task> tasks = taskService.createTaskQuery().processInstanceId(pilot)
          .taskDefinitionKey(TASK_OPEN_ENHANCEMENT_ADRS).list();
      return tasks.size() == 2 ? tasks : null;
    });
    for (Task adr : adrTasks) {
      taskService.complete(adr.getId(), Map.of("adrNeeded", true, "adrTitle", "ADR for " + adr.getId(),
          "adrLink", "https://git.example.test/adr/" + adr.getId()));
    }
    for (String signOff : List.of(TASK_SIGN_OFF_PRODUCT, TASK_SIGN_OFF_QA, TASK_SIGN_OFF_SECURITY, TASK_SIGN_OFF_OPS)) {
      pilots.complete(pilot, signOff, Map.of("decision", "signOff"));
    }
    pilots.complete(pilot, TASK_ACCEPT_REMAINING_RISKS, approve());
    pilots.complete(pilot, TASK_REVIEW_SUMMARY_ALIGNMENT, approve());

    // The Phase 3 exit sets the milestone status (a job), then the milestone review begins.
    for (String review : List.of(TASK_CONFIRM_PHASE_EXIT_CRITERIA, TASK_CONFIRM_ARTIFACTS_MATCH_ROADMAP,
        TASK_CONFIRM_STANDARDS_CONSISTENCY)) {
      pilots.complete(pilot, review, approve());
    }
    Eventually.await("the pilot ended", () -> runtimeService.createProcessInstanceQuery()
        .processInstanceId(pilot).count() == 0);

    JsonNode ended = JSON.readTree(pm.get("/api/pilots/complete-co").body());
    assertThat(ended.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(ended.path("milestoneStatus").asText()).isEqualTo("Completed");
    assertThat(ended.path("exitCriteria").findValuesAsText("state")).containsOnly("met");

    ProcessInstance milestone7 = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(PostMvpEnhancementsProcess.PROCESS_ID).processInstanceBusinessKey("complete-co")
        .singleResult();
    assertThat(milestone7.getTenantId()).isEqualTo("complete-co");
    assertThat(taskService.createTaskQuery().processInstanceId(milestone7.getId()).count()).isEqualTo(2);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(pilot).count()).isZero();
  }

  private HttpCalls member(Team team) {
    String userId = users.memberOf(team, "complete-" + team.groupId());
    return http().as(userId, passwordOf(userId));
  }
}
