package io.pilotlaunch.pages;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_DEFINE_PILOT_SCOPE;
import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PilotApi;
import io.pilotlaunch.support.PilotSteps;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.teams.Team;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/** /pilots and /pilots/{tenantId} over real HTTP: what they show, and that user text stays text. */
class PilotPagesIT extends PostgresIntegrationTest {

  @Autowired TaskService taskService;

  @Test
  void thePilotPageShowsTheTickedDocumentWithClickableEvidenceAndEscapedText() {
    String tenant = "pages-doc";
    String pilot = pilots.start(tenant);
    String pm = users.memberOf(Team.PRODUCT_MANAGEMENT, "pages-pm");
    HttpCalls asPm = http().as(pm, passwordOf(pm));
    Task scope = pilots.awaitTask(pilot, TASK_DEFINE_PILOT_SCOPE);
    ResponseEntity<String> commented =
        asPm.postJson(
            "/engine-rest/task/" + scope.getId() + "/comment/create",
            "{\"message\": \"<script>alert('x')</script> scope agreed\"}");
    assertThat(commented.getStatusCode().value()).as(commented.getBody()).isEqualTo(200);
    Map<String, Object> done = new LinkedHashMap<>(PilotSteps.done());
    done.put("evidenceLink", "https://wiki.example.test/pilot/scope?v=1&x=2");
    pilots.complete(pilot, TASK_DEFINE_PILOT_SCOPE, done);

    ResponseEntity<String> page = asPm.get("/pilots/" + tenant, "text/html");

    assertThat(page.getStatusCode().value()).as(page.getBody()).isEqualTo(200);
    assertThat(page.getHeaders().getContentType().toString()).startsWith("text/html");
    assertThat(page.getBody())
        .contains(
            "<li>[x] Pilot scope, success metrics, and support coverage are defined.",
            "Done by ",
            "href=\"https://wiki.example.test/pilot/scope?v=1&amp;x=2\"",
            "&lt;script&gt;alert(",
            "Comment by " + pm)
        .doesNotContain("<script>", "href=\"./m5", "href=\"../adr", "<a id=\"m6-phase-1\">");
  }

  @Test
  void thePilotsPageListsEachPilotWithProgressOpenWorkAndSlaClocks() {
    String tenant = "pages-list";
    String pilot = pilots.start(tenant);
    pilots.passPreChecklist(pilot);
    pilots.passPhase1(pilot);
    String qa = users.memberOf(Team.QA_TESTING, "pages-qa");
    HttpCalls asQa = http().as(qa, passwordOf(qa));
    assertThat(
            asQa.postJson(
                    "/api/pilots/" + tenant + "/issues",
                    PilotApi.issueBody("PAGE-1", "critical", "backend", "checkout"))
                .getStatusCode()
                .value())
        .isEqualTo(201);

    ResponseEntity<String> page = asQa.get("/pilots", "text/html");

    assertThat(page.getStatusCode().value()).as(page.getBody()).isEqualTo(200);
    String row = page.getBody().substring(page.getBody().indexOf("/pilots/" + tenant));
    row = row.substring(0, row.indexOf("</tr>"));
    assertThat(row)
        .contains(
            "Phase 2: Pilot Execution and Support",
            "of 31 items",
            Team.PRODUCT_MANAGEMENT.groupId() + ": 2",
            "PAGE-1 (critical): first response due in ",
            "<td>not yet</td>", // no hand-off to Milestone 7 before the milestone review
            "/camunda/app/cockpit/default/#/process-instance/" + pilot + "/runtime",
            "/api/pilots/" + tenant + "/summary");
    assertThat(http().get("/pilots", "text/html").getStatusCode().value())
        .as("the same login as the API")
        .isEqualTo(401);
  }
}
