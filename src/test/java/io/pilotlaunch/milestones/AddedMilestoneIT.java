package io.pilotlaunch.milestones;

import static io.pilotlaunch.support.PilotSteps.done;
import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.process.PostMvpEnhancementsProcess;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PilotApi;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.teams.Team;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Milestone 9 exists only in the test resources (milestones/m9.properties, its document and its
 * model): without a change to the main code it is listed, and a run of it started by a pilot is
 * exported ticked. ({@code ChecklistTraceabilityTest} traces it.)
 */
class AddedMilestoneIT extends PostgresIntegrationTest {

  static final String PROCESS = "PilotRetrospective";
  static final ObjectMapper JSON = new ObjectMapper();

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired FormService formService;
  @Autowired JdbcTemplate jdbc;

  @Test
  void theRegisteredMilestonesAreListedAsTheirDocumentsAndModelsSayThem() throws Exception {
    ResponseEntity<String> response = member(Team.QA_TESTING).get("/api/milestones");
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    JsonNode milestones = JSON.readTree(response.getBody());

    assertThat(milestones.findValuesAsText("id")).containsSubsequence("m6", "m9");
    JsonNode m6 = byId(milestones, "m6");
    assertThat(m6.path("processKey").asText()).isEqualTo("MvpPilotLaunch");
    assertThat(m6.path("status").asText()).isEqualTo("Not Started");
    assertThat(m6.path("dependencies").get(0).path("id").asText()).isEqualTo("m5");
    assertThat(m6.path("dependencies").get(0).path("status").asText()).isEqualTo("Completed");
    assertThat(m6.path("successor").path("id").asText()).isEqualTo("m7");
    assertThat(m6.path("sections").findValuesAsText("key"))
        .containsExactly("pre", "phase1", "phase2", "phase3", "review");
    assertThat(m6.path("sections").get(3).path("branch").asText())
        .isEqualTo("docs/m6-p3-pilot-exit-signoff");
    assertThat(m6.path("sections").get(3).path("prTarget").asText())
        .isEqualTo("chore/m6-integration");

    JsonNode m9 = byId(milestones, "m9");
    assertThat(m9.path("title").asText()).isEqualTo("Pilot Retrospective");
    assertThat(m9.path("processKey").asText()).isEqualTo(PROCESS);
    assertThat(m9.path("dependencies").get(0).path("number").asInt()).isEqualTo(6);
    assertThat(m9.path("sections")).hasSize(1);
    JsonNode phase1 = m9.path("sections").get(0);
    assertThat(phase1.path("title").asText()).isEqualTo("Phase 1: Retrospective");
    assertThat(phase1.path("boxes").asInt()).isEqualTo(2);
    assertThat(phase1.path("subProcessId").asText()).isEqualTo("SubProcess_Phase1Retrospective");
    assertThat(phase1.path("exitGatewayId").asText()).isEqualTo("Gateway_ActionsRecorded");
    assertThat(phase1.path("branch").asText()).isEqualTo("docs/m9-p1-pilot-retrospective");
  }

  @Test
  void aMilestoneThePilotStartedIsExportedTicked() {
    HttpCalls pm = member(Team.PRODUCT_MANAGEMENT);
    assertThat(
            pm.postJson("/api/pilots", PilotApi.startBody("retro-pilot")).getStatusCode().value())
        .isEqualTo(201);
    String pilot =
        jdbc.queryForObject(
            "select process_instance_id from pilot.pilot_run where active_tenant_id = ?",
            String.class,
            "retro-pilot");

    ResponseEntity<String> unknown =
        pm.get("/api/pilots/retro-pilot/milestone.md?milestone=m8", "text/markdown");
    assertThat(unknown.getStatusCode().value()).isEqualTo(404);
    assertThat(unknown.getBody()).contains("Unknown milestone 'm8'", "m6", "m9");
    ResponseEntity<String> notStarted =
        pm.get("/api/pilots/retro-pilot/milestone.md?milestone=m9", "text/markdown");
    assertThat(notStarted.getStatusCode().value()).isEqualTo(404);
    assertThat(notStarted.getBody())
        .contains("Pilot retro-pilot has no run of Milestone 9: Pilot Retrospective");

    deployMilestone9();
    String retrospective =
        runtimeService
            .startProcessInstanceByKey(
                PROCESS,
                "retro-pilot",
                Map.of(
                    PostMvpEnhancementsProcess.Variables.TENANT_ID,
                    "retro-pilot",
                    PostMvpEnhancementsProcess.Variables.SOURCE_PROCESS_INSTANCE_ID,
                    pilot))
            .getId();
    Task hold = taskService.createTaskQuery().processInstanceId(retrospective).singleResult();
    assertThat(hold.getName()).as("the task context names the pilot").endsWith(" — retro-pilot");
    assertThat(
            formService
                .getTaskFormVariables(hold.getId())
                .getValue(MvpPilotLaunchProcess.Variables.TASK_GUIDE, String.class))
        .as("its guide leads to the document of its own milestone")
        .startsWith("Phase 1: Retrospective · **retro-pilot**")
        .contains("[milestone document](/pilots/retro-pilot?milestone=m9)");
    taskService.claim(hold.getId(), "retro-pm");
    taskService.complete(hold.getId(), done());

    String export = markdown(pm, "/api/pilots/retro-pilot/milestone.md?milestone=m9");
    assertThat(export)
        .startsWith("# Milestone 9: Pilot Retrospective\n")
        .contains(
            "- Status: Completed\n",
            "- [x] Hold the pilot retrospective.\n  - Done by retro-pm on ",
            "; evidence: <https://wiki.example.test/pilot/evidence>",
            "- [x] Retrospective actions are recorded.\n  - Met on ");
    assertThat(markdown(pm, "/api/pilots/retro-pilot/milestone.md"))
        .as("without a milestone: the pilot's own")
        .startsWith("# Milestone 6: MVP Pilot Launch\n")
        .contains("- Status: In Progress\n");
    assertThat(markdown(pm, "/api/pilots/retro-pilot/milestone.md?milestone=m6"))
        .isEqualTo(markdown(pm, "/api/pilots/retro-pilot/milestone.md"));

    ResponseEntity<String> page = pm.get("/pilots/retro-pilot?milestone=m9", "text/html");
    assertThat(page.getStatusCode().value()).isEqualTo(200);
    assertThat(page.getBody())
        .contains("<title>Milestone 9 — retro-pilot</title>", "Hold the pilot retrospective.")
        .doesNotContain("Hand-off to");
    assertThat(pm.get("/pilots/retro-pilot?milestone=m8", "text/html").getStatusCode().value())
        .isEqualTo(404);
    assertThat(pm.get("/pilots/retro-pilot", "text/html").getBody())
        .contains("<title>Milestone 6 — retro-pilot</title>", "Hand-off to Milestone 7: ");
    assertThat(pm.get("/pilots", "text/html").getBody())
        .contains("<h1>Pilots of Milestone 6: MVP Pilot Launch</h1>", "<th>Milestone 7</th>");
  }

  /** Once per database: the model lies outside processes/, so the engine does not deploy it. */
  private void deployMilestone9() {
    if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(PROCESS).count()
        == 0) {
      repositoryService
          .createDeployment()
          .name("milestone 9 (tests)")
          .addClasspathResource("milestones/PilotRetrospective.bpmn")
          .addClasspathResource("forms/checklist-item.form")
          .deploy();
    }
  }

  private static JsonNode byId(JsonNode milestones, String id) {
    for (JsonNode milestone : milestones) {
      if (milestone.path("id").asText().equals(id)) {
        return milestone;
      }
    }
    throw new AssertionError("no milestone " + id + " in " + milestones);
  }

  private static String markdown(HttpCalls calls, String path) {
    ResponseEntity<String> response = calls.get(path, "text/markdown");
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    return response.getBody();
  }

  private HttpCalls member(Team team) {
    String userId = users.memberOf(team, "retro-" + team.groupId());
    return http().as(userId, passwordOf(userId));
  }
}
