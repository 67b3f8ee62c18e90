package io.pilotlaunch.startupguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlaunch.support.AcknowledgedWrites;
import io.pilotlaunch.support.ForkedApp;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.teams.Team;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * What `mvn spring-boot:run` gives a new user: no profile and no database named, so the demo on the
 * H2 file under ./data, here in a working directory of its own.
 */
class DemoProfileIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The demo's own hash with fewer rounds, as in the shared test context: its 600,000 rounds cost
   * every demo user a second or more per first login on a busy machine, and nothing here is about
   * the hash.
   */
  private static final String CHEAP_HASH = "--pilot.passwords.hash-iterations=1000";

  private static Path workingDirectory;
  private static String port;
  private static ForkedApp demo;

  /**
   * A fixed free port rather than 0: the demo environment's base URL names the server port, and the
   * app answers its demo tenants' health URLs itself.
   */
  @BeforeAll
  static void startWithNothingConfigured() throws IOException {
    workingDirectory = Files.createTempDirectory("pilot-launch-demo");
    try (ServerSocket socket = new ServerSocket(0)) {
      port = String.valueOf(socket.getLocalPort());
    }
    demo =
        ForkedApp.startIn(
            workingDirectory, "--spring.profiles.active=demo", "--server.port=" + port, CHEAP_HASH);
  }

  @AfterAll
  static void stop() {
    demo.close();
  }

  private static HttpCalls demoUser(Team team) {
    return demo.http().as(team.demoUserId(), team.demoUserId());
  }

  /** The tasks the user may read, or only those of the team's group. */
  private static JsonNode tasks(HttpCalls user, String processInstanceId, Team team)
      throws Exception {
    return JSON.readTree(
        user.get(
                "/engine-rest/task?processInstanceId="
                    + processInstanceId
                    + (team == null ? "" : "&candidateGroup=" + team.groupId()))
            .getBody());
  }

  private static void complete(HttpCalls user, String taskId) {
    ResponseEntity<String> completed =
        user.postJson(
            "/engine-rest/task/" + taskId + "/complete",
            """
        {"variables": {"done": {"value": true}, "evidenceLink": {"value": "https://wiki.example.test/demo"},
          "comment": {"value": "done in the demo"}}}""");
    assertThat(completed.getStatusCode().value()).as(completed.getBody()).isEqualTo(204);
  }

  private static String awaitTask(HttpCalls user, String processInstanceId, String taskKey) {
    return await(taskKey + " for " + user)
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              try {
                for (JsonNode task : tasks(user, processInstanceId, null)) {
                  if (taskKey.equals(task.path("taskDefinitionKey").asText())) {
                    return task.path("id").asText();
                  }
                }
                return null;
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            found -> found != null && !Boolean.FALSE.equals(found));
  }

  @Test
  void theDemoAskedForRunsOnAnH2File() {
    assertThat(demo.output()).contains("The following 1 profile is active: \"demo\"");
    assertThat(workingDirectory.resolve("data/pilot-launch.mv.db")).exists();
  }

  @Test
  void everyTeamHasItsDemoUserWithThePasswordOfItsId() {
    for (Team team : Team.values()) {
      HttpCalls member = demo.http().as(team.demoUserId(), team.demoUserId());
      assertThat(member.get("/api/me").getBody())
          .as(team.demoUserId())
          .contains("\"groups\":[\"" + team.groupId() + "\"]");
    }
  }

  @Test
  void theDemoAdminIsACamundaAdmin() {
    assertThat(demo.http().as("demo", "demo").get("/api/me").getBody()).contains("camunda-admin");
  }

  @Test
  void theWebappsAreServed() {
    assertThat(demo.http().get("/camunda/app/tasklist/default/").getStatusCode().value())
        .isEqualTo(200);
    assertThat(demo.http().get("/camunda/app/cockpit/default/").getStatusCode().value())
        .isEqualTo(200);
  }

  @Test
  void aPilotInTheDemoEnvironmentIsOnboardedWithNoNetworkByTheTeamsThroughRest() throws Exception {
    HttpCalls pm = demoUser(Team.PRODUCT_MANAGEMENT);
    ResponseEntity<String> started =
        pm.postJson(
            "/engine-rest/process-definition/key/MvpPilotLaunch/start",
            """
        {"businessKey": "demo-acme", "variables": {
          "tenantId": {"value": "demo-acme"}, "tenantName": {"value": "Demo ACME"},
          "environment": {"value": "demo"}, "region": {"value": "local"},
          "pilotStart": {"value": "2026-12-01"}, "pilotEnd": {"value": "2027-01-15"}}}""");
    assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(200);
    String pilot = JSON.readTree(started.getBody()).path("id").asText();

    // Each team completes its own pre-checklist items.
    for (Team team : List.of(Team.PRODUCT_MANAGEMENT, Team.DEVOPS_SRE)) {
      // the owners may read every team's tasks; each works those of its own group
      for (JsonNode task : tasks(demoUser(team), pilot, team)) {
        complete(demoUser(team), task.path("id").asText());
      }
    }
    // DevOps confirms the onboarding PR by hand (no git webhook in the demo).
    complete(
        demoUser(Team.DEVOPS_SRE),
        awaitTask(demoUser(Team.DEVOPS_SRE), pilot, "Task_ConfirmOnboardingPrMerged"));

    String qaTask =
        awaitTask(demoUser(Team.QA_TESTING), pilot, "Task_ExecuteOnboardingVerification");
    String report =
        demoUser(Team.QA_TESTING)
            .get("/engine-rest/task/" + qaTask + "/variables/details")
            .getBody();
    assertThat(report)
        .contains(
            "PASS route: demo/local at http://localhost:" + port + "/demo-tenants/demo-acme",
            "PASS baseline",
            "PASS health",
            "HTTP 200");
  }

  /** The paging and filter queries read the engine's tables beside ours: H2 takes them too. */
  @Test
  void theOverviewsPageAndFilterOnH2() throws Exception {
    HttpCalls pm = demoUser(Team.PRODUCT_MANAGEMENT);
    for (String path :
        List.of(
            "/api/pilots?limit=1",
            "/api/pilots?status=active&phase=ONBOARDING&team=devops-sre&limit=200",
            "/api/pilots?status=finished")) {
      ResponseEntity<String> page = pm.get(path);
      assertThat(page.getStatusCode().value()).as(path + ": " + page.getBody()).isEqualTo(200);
      assertThat(JSON.readTree(page.getBody()).isArray()).as(path).isTrue();
    }
    ResponseEntity<String> overview = pm.get("/pilots?status=active&team=devops-sre", "text/html");
    assertThat(overview.getStatusCode().value()).as(overview.getBody()).isEqualTo(200);
  }

  /**
   * `kill -9` in the middle of writes on the H2 file, exactly as `mvn spring-boot:run` runs it:
   * after the restart every acknowledged write is there.
   */
  @Test
  void whatWasAcknowledgedSurvivesAKill() throws Exception {
    HttpCalls admin = demo.http().as("demo", "demo");
    assertThat(
            admin
                .postJson(
                    "/engine-rest/group/create",
                    "{\"id\":\"restart-check\",\"name\":\"Restart check\",\"type\":\"WORKFLOW\"}")
                .getStatusCode()
                .value())
        .isEqualTo(204);
    AcknowledgedWrites written = AcknowledgedWrites.untilKilled(demo, admin, "kill-h2", "demo");

    demo =
        ForkedApp.startIn(
            workingDirectory, "--spring.profiles.active=demo", "--server.port=" + port, CHEAP_HASH);

    HttpCalls restarted = demo.http().as("demo", "demo");
    assertThat(restarted.get("/engine-rest/group/restart-check").getBody())
        .contains("Restart check");
    written.assertAllPresent(restarted);
  }
}
