package io.pilotlaunch.roadmap;

import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Elements;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PilotApi;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.support.WebappSession;
import io.pilotlaunch.teams.Team;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The roadmap index over real HTTP on the real database: read by the teams, changed by the
 * milestone's owner with who and when kept, and the gate it sets on starting a pilot of Milestone 6
 * while Milestone 5 is not Completed. The tests that set Milestone 5 back put it to Completed again
 * whatever happens ({@link #whileMilestone5Is}): the other tests of this shared context, which run
 * one after another in this thread, start pilots.
 */
class RoadmapIT extends PostgresIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BROWSER = "text/html";

  @Autowired JdbcTemplate jdbc;
  @Autowired HistoryService historyService;
  @Autowired RuntimeService runtimeService;

  @Test
  void everyTeamReadsTheMilestonesWithTheirOwnersAndStatuses() throws Exception {
    HttpCalls qa = as(Team.QA_TESTING, "roadmap-reader-qa");

    JsonNode roadmap = json(qa.get("/api/roadmap"), 200);

    assertThat(roadmap.path("milestones").findValuesAsText("id")).containsExactly("m5", "m6", "m7");
    JsonNode m5 = roadmap.path("milestones").get(0);
    assertThat(m5.path("title").asText()).isEqualTo("Production Deployment Readiness");
    assertThat(m5.path("owner").asText()).isEqualTo("product-management");
    assertThat(m5.path("ownerName").asText()).isEqualTo("Product Management + TPM");
    assertThat(m5.path("status").asText()).isEqualTo("Completed");
    assertThat(roadmap.path("statuses").toString())
        .isEqualTo("[\"Not Started\",\"In Progress\",\"Blocked\",\"Completed\"]");
    JsonNode m7 = json(qa.get("/api/roadmap/m7"), 200);
    assertThat(m7.path("changes").get(0).path("changedBy").asText())
        .as("seeded from the index document")
        .isEqualTo("docs/milestones/README.md");
    assertThat(json(qa.get("/api/roadmap/m4"), 404).path("detail").asText())
        .isEqualTo("No milestone 'm4' in the roadmap index; it lists m5, m6, m7.");
  }

  @Test
  void theMilestoneOwnerChangesStatusAndOwnerAndEachChangeIsKeptWithWhoAndWhen() throws Exception {
    HttpCalls pm = as(Team.PRODUCT_MANAGEMENT, "roadmap-owner-pm");
    HttpCalls architect = as(Team.ARCHITECTURE, "roadmap-architect");
    String statusBefore = json(pm.get("/api/roadmap/m7"), 200).path("status").asText();
    Instant before = Instant.now().minusSeconds(1);
    try {
      JsonNode blocked =
          json(pm.send("PATCH", "/api/roadmap/m7", "{\"status\": \"Blocked\"}"), 200);

      assertThat(blocked.path("status").asText()).isEqualTo("Blocked");
      assertThat(blocked.path("changedBy").asText()).isEqualTo("roadmap-owner-pm");
      assertThat(Instant.parse(blocked.path("changedAt").asText())).isAfter(before);
      JsonNode last = last(blocked.path("changes"));
      assertThat(last.path("field").asText()).isEqualTo("status");
      assertThat(last.path("from").asText()).isEqualTo(statusBefore);
      assertThat(last.path("to").asText()).isEqualTo("Blocked");
      assertThat(last.path("changedBy").asText()).isEqualTo("roadmap-owner-pm");

      // handing the milestone to another team hands over the right to change it
      json(pm.send("PATCH", "/api/roadmap/m7", "{\"owner\": \"architecture\"}"), 200);
      ResponseEntity<String> notAnyMore =
          pm.send("PATCH", "/api/roadmap/m7", "{\"status\": \"In Progress\"}");
      assertThat(notAnyMore.getStatusCode().value()).isEqualTo(403);
      JsonNode handedBack =
          json(
              architect.send(
                  "PATCH",
                  "/api/roadmap/m7",
                  "{\"owner\": \"product-management\", \"status\": \"" + statusBefore + "\"}"),
              200);
      assertThat(handedBack.path("owner").asText()).isEqualTo("product-management");
      assertThat(handedBack.path("changedBy").asText()).isEqualTo("roadmap-architect");
      assertThat(handedBack.path("changes").findValuesAsText("to"))
          .endsWith("Blocked", "architecture", statusBefore, "product-management");
    } finally {
      jdbc.update(
          "update pilot.roadmap_milestone set owner_group = 'product-management', status = ?"
              + " where milestone_id = 'm7'",
          statusBefore);
    }
  }

  @Test
  void othersAnUnknownStatusOrOwnerAreRefusedAndNothingChanges() throws Exception {
    HttpCalls sre = as(Team.DEVOPS_SRE, "roadmap-not-owner-sre");
    HttpCalls pm = as(Team.PRODUCT_MANAGEMENT, "roadmap-owner-pm");
    String before = pm.get("/api/roadmap/m5").getBody();

    JsonNode notOwner =
        json(sre.send("PATCH", "/api/roadmap/m5", "{\"status\": \"In Progress\"}"), 403);
    JsonNode badStatus = json(pm.send("PATCH", "/api/roadmap/m5", "{\"status\": \"Done\"}"), 400);
    JsonNode badOwner =
        json(
            pm.send("PATCH", "/api/roadmap/m5", "{\"status\": \"Blocked\", \"owner\": \"ops\"}"),
            400);
    JsonNode unknown =
        json(pm.send("PATCH", "/api/roadmap/m9", "{\"status\": \"Completed\"}"), 404);

    assertThat(notOwner.path("detail").asText())
        .isEqualTo(
            "Only the owner of Milestone 5: Production Deployment Readiness, Product Management"
                + " + TPM (product-management), or an admin may change it; nothing was changed.");
    assertThat(badStatus.path("detail").asText())
        .isEqualTo(
            "status must be one of Not Started, In Progress, Blocked, Completed; got \"Done\".");
    assertThat(badOwner.path("detail").asText()).contains("owner must be a team's group id");
    assertThat(unknown.path("detail").asText()).startsWith("No milestone 'm9'");
    assertThat(pm.get("/api/roadmap/m5").getBody()).isEqualTo(before);
  }

  @Test
  void aPilotDoesNotStartWhileMilestone5IsNotCompletedByAnyWayAndStartsOnceItIs() throws Exception {
    String tenant = "roadmap-gated";
    HttpCalls pm = as(Team.PRODUCT_MANAGEMENT, "roadmap-gate-pm");
    String start = PilotApi.startBody(tenant);
    String startForm =
        "{\"variables\": {"
            + formField(Variables.TENANT_ID, tenant)
            + ","
            + formField(Variables.TENANT_NAME, "Gated")
            + ","
            + formField(Variables.ENVIRONMENT, FORM_ENVIRONMENT)
            + ","
            + formField(Variables.REGION, FORM_REGION)
            + ","
            + formField(Variables.PILOT_START, "2026-12-01")
            + ","
            + formField(Variables.PILOT_END, "2027-01-15")
            + "}}";
    String byKey = "/engine-rest/process-definition/key/" + MvpPilotLaunchProcess.PROCESS_ID;

    whileMilestone5Is(
        "In Progress",
        () -> {
          JsonNode refused = json(pm.postJson("/api/pilots", start), 409);
          ResponseEntity<String> fromTasklist = pm.postJson(byKey + "/submit-form", startForm);

          assertThat(refused.path("detail").asText())
              .isEqualTo(
                  "Milestone 6: MVP Pilot Launch depends on Milestone 5: Production Deployment"
                      + " Readiness, which is In Progress in the roadmap index, not Completed: a"
                      + " pilot starts once it is Completed (/roadmap), or the milestone owner"
                      + " (Product Management + TPM) starts it anyway with a reason"
                      + " (dependencyOverride). Nothing was started.");
          assertThat(fromTasklist.getStatusCode().value()).isEqualTo(400);
          assertThat(fromTasklist.getBody())
              .contains(
                  "depends on Milestone 5: Production Deployment Readiness, which is In"
                      + " Progress");
          assertNothingStarted(tenant);
        });

    JsonNode started = json(pm.postJson("/api/pilots", start), 201);
    assertThat(started.path("tenantId").asText()).isEqualTo(tenant);
    assertThat(runs(tenant)).isEqualTo(1);
  }

  @Test
  void theMilestoneOwnerStartsAnywayWithAReasonThatLandsInTheTickedDocument() throws Exception {
    String tenant = "roadmap-override";
    HttpCalls pm = as(Team.PRODUCT_MANAGEMENT, "roadmap-override-pm");
    HttpCalls sre = as(Team.DEVOPS_SRE, "roadmap-override-sre");

    whileMilestone5Is(
        "In Progress",
        () -> {
          JsonNode notTheOwner =
              json(sre.postJson("/api/pilots", withOverride(tenant, "we are in a hurry")), 403);
          JsonNode noReason = json(pm.postJson("/api/pilots", withOverride(tenant, " ")), 400);
          ResponseEntity<String> smuggled =
              pm.postJson(
                  "/engine-rest/process-definition/key/"
                      + MvpPilotLaunchProcess.PROCESS_ID
                      + "/start",
                  "{\"variables\": {"
                      + formField(Variables.TENANT_ID, tenant)
                      + ","
                      + formField(DependencyGate.OVERRIDE_REASON, "not through the engine")
                      + "}}");

          assertThat(notTheOwner.path("detail").asText())
              .startsWith("Only the owner of Milestone 6: MVP Pilot Launch");
          assertThat(noReason.toString()).contains("dependencyOverride.reason");
          assertThat(smuggled.getStatusCode().value()).isEqualTo(400);
          assertThat(smuggled.getBody())
              .contains("'dependencyOverrideReason' is not a field of form StartPilotForm");
          assertNothingStarted(tenant);

          json(
              pm.postJson(
                  "/api/pilots",
                  withOverride(tenant, "Readiness sign-off is a formality; *ops* agreed")),
              201);
        });

    String document = pm.get("/api/pilots/" + tenant + "/milestone.md", "text/markdown").getBody();
    Matcher line =
        Pattern.compile(
                "(?m)^- Dependency: \\[Milestone 5: .*\\n  - Started while Milestone 5: Production"
                    + " Deployment Readiness was In Progress: overridden by roadmap-override-pm on"
                    + " (.+): \u201c(.+)\u201d$")
            .matcher(document);
    assertThat(line.find()).as(document).isTrue();
    assertThat(line.group(2)).isEqualTo("Readiness sign-off is a formality; \\*ops\\* agreed");
  }

  @Test
  void milestone6IsInProgressWhenAPilotStartsAndCompletedWhenOneCompletes() throws Exception {
    HttpCalls pm = as(Team.PRODUCT_MANAGEMENT, "roadmap-follow-pm");
    json(pm.send("PATCH", "/api/roadmap/m6", "{\"status\": \"Not Started\"}"), 200);

    json(pm.postJson("/api/pilots", PilotApi.startBody("roadmap-follows")), 201);

    JsonNode started = last(json(pm.get("/api/roadmap/m6"), 200).path("changes"));
    assertThat(started.path("from").asText()).isEqualTo("Not Started");
    assertThat(started.path("to").asText()).isEqualTo("In Progress");
    assertThat(started.path("changedBy").asText()).isEqualTo("pilot roadmap-follows");

    // a pilot at Phase 3's exit, where the model sets the milestone status to Completed
    String tenant = "roadmap-completes";
    Instant windowStart = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(30, ChronoUnit.DAYS);
    runtimeService
        .createProcessInstanceByKey(MvpPilotLaunchProcess.PROCESS_ID)
        .businessKey(tenant)
        .setVariables(
            Map.of(
                Variables.TENANT_ID,
                tenant,
                Variables.TENANT_NAME,
                "Completes",
                Variables.ENVIRONMENT,
                TEST_ENVIRONMENT,
                Variables.REGION,
                TEST_REGION,
                Variables.PILOT_START,
                windowStart.toString(),
                Variables.PILOT_END,
                windowStart.plus(29, ChronoUnit.DAYS).toString()))
        .startBeforeActivity(Elements.TASK_SET_MILESTONE_STATUS_COMPLETED)
        .execute();

    await("Milestone 6 completed by the pilot's run")
        .atMost(Duration.ofSeconds(30))
        .until(() -> status("m6"), "Completed"::equals);
    JsonNode completed = json(pm.get("/api/roadmap/m6"), 200);
    assertThat(completed.path("changedBy").asText()).isEqualTo("pilot " + tenant);
    assertThat(last(completed.path("changes")).path("from").asText()).isEqualTo("In Progress");
  }

  @Test
  void theRoadmapTaskShowsTheIndexAsItsEvidence() throws Exception {
    String pilot = pilots.start("roadmap-evidence");
    HttpCalls pm = as(Team.PRODUCT_MANAGEMENT, "roadmap-evidence-pm");
    Task task = pilots.awaitTask(pilot, Elements.TASK_CONFIRM_ROADMAP_STATUS);

    JsonNode variables = json(pm.get("/engine-rest/task/" + task.getId() + "/form-variables"), 200);

    assertThat(variables.path(Variables.TASK_GUIDE).path("value").asText())
        .contains(
            "**The roadmap index now** ([/roadmap](/roadmap))",
            "- Milestone 5: Production Deployment Readiness: **Completed**, owner Product"
                + " Management + TPM (changed by ",
            "- Milestone 7: Post-MVP Enhancements Hook: **");
  }

  @Test
  void theRoadmapPageLetsTheOwnerChangeAMilestoneWithTheTokenOfTheSession() throws Exception {
    String pm = users.memberOf(Team.PRODUCT_MANAGEMENT, "roadmap-page-pm");
    String qa = users.memberOf(Team.QA_TESTING, "roadmap-page-qa");
    WebappSession owner = WebappSession.logIn(baseUrl(), pm, passwordOf(pm));
    String statusBefore =
        json(http().as(pm, passwordOf(pm)).get("/api/roadmap/m7"), 200).path("status").asText();
    try {
      String page = owner.get("/roadmap", BROWSER).getBody();
      assertThat(page)
          .contains(
              "Milestone 5: Production Deployment Readiness",
              "Milestone 6: MVP Pilot Launch",
              "action=\"/roadmap/m7\"");
      Matcher token = Pattern.compile("name=\"token\" value=\"([0-9a-f]+)\"").matcher(page);
      assertThat(token.find()).as(page).isTrue();

      ResponseEntity<String> forged =
          owner.postForm("/roadmap/m7", "status=Blocked&token=" + "0".repeat(48));
      assertThat(forged.getStatusCode().value()).isEqualTo(403);
      assertThat(status("m7")).isEqualTo(statusBefore);

      ResponseEntity<String> changed =
          owner.postForm(
              "/roadmap/m7", "status=Blocked&owner=product-management&token=" + token.group(1));
      assertThat(changed.getStatusCode().value()).as(changed.getBody()).isEqualTo(303);
      assertThat(changed.getHeaders().getLocation().getPath()).isEqualTo("/roadmap");
      assertThat(status("m7")).isEqualTo("Blocked");
      assertThat(owner.get("/roadmap", BROWSER).getBody()).contains(pm + ", ");

      String other =
          WebappSession.logIn(baseUrl(), qa, passwordOf(qa)).get("/roadmap", BROWSER).getBody();
      assertThat(other).contains("Milestone 7").doesNotContain("action=\"/roadmap/m7\"");
    } finally {
      jdbc.update(
          "update pilot.roadmap_milestone set status = ? where milestone_id = 'm7'", statusBefore);
    }
  }

  /**
   * Runs the test with Milestone 5 at that status, and puts it back to Completed afterwards,
   * whatever happened: the other tests of this context start pilots.
   */
  private void whileMilestone5Is(String status, ThrowingRunnable test) throws Exception {
    HttpCalls pm = as(Team.PRODUCT_MANAGEMENT, "roadmap-m5-pm");
    try {
      json(pm.send("PATCH", "/api/roadmap/m5", "{\"status\": \"" + status + "\"}"), 200);
      test.run();
    } finally {
      ResponseEntity<String> completed =
          pm.send("PATCH", "/api/roadmap/m5", "{\"status\": \"Completed\"}");
      assertThat(completed.getStatusCode().value()).as(completed.getBody()).isEqualTo(200);
    }
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  private void assertNothingStarted(String tenant) {
    assertThat(
            historyService
                .createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(tenant)
                .count())
        .as("process instances of " + tenant + ", ever")
        .isZero();
    assertThat(runs(tenant)).as("pilot runs of " + tenant).isZero();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from pilot.dependency_override o where not exists (select 1 from"
                    + " pilot.pilot_run r where r.process_instance_id = o.process_instance_id)",
                Integer.class))
        .as("overrides of pilots that did not start")
        .isZero();
  }

  private int runs(String tenant) {
    return jdbc.queryForObject(
        "select count(*) from pilot.pilot_run where tenant_id = ?", Integer.class, tenant);
  }

  private String status(String milestoneId) {
    return jdbc.queryForObject(
        "select status from pilot.roadmap_milestone where milestone_id = ?",
        String.class,
        milestoneId);
  }

  private static String withOverride(String tenant, String reason) {
    String start = PilotApi.startBody(tenant).strip();
    return start.substring(0, start.length() - 1)
        + ", \"dependencyOverride\": {\"reason\": \""
        + reason
        + "\"}}";
  }

  private static String formField(String name, String value) {
    return "\"" + name + "\": {\"value\": \"" + value + "\"}";
  }

  private HttpCalls as(Team team, String userId) {
    String user = users.memberOf(team, userId);
    return http().as(user, passwordOf(user));
  }

  private String baseUrl() {
    return "http://localhost:" + port;
  }

  private static JsonNode last(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items.get(items.size() - 1);
  }

  private static JsonNode json(ResponseEntity<String> response, int status) throws Exception {
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
    return JSON.readTree(response.getBody());
  }
}
