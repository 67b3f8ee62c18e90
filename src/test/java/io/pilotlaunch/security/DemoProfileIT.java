package io.pilotlaunch.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.support.ForkedApp;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.teams.Team;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What `mvn spring-boot:run` gives a new user: no profile and no database named, so the demo on
 * the H2 file under ./data, here in a working directory of its own.
 */
class DemoProfileIT {

  private static Path workingDirectory;
  private static ForkedApp demo;

  @BeforeAll
  static void startWithNothingConfigured() throws IOException {
    workingDirectory = Files.createTempDirectory("pilot-launch-demo");
    demo = ForkedApp.startIn(workingDirectory);
  }

  @AfterAll
  static void stop() {
    demo.close();
  }

  @Test
  void theDemoProfileOnAnH2FileIsTheDefault() {
    assertThat(demo.output()).contains("No active profile set, falling back to 1 default profile: \"demo\"");
    assertThat(workingDirectory.resolve("data/pilot-launch.mv.db")).exists();
  }

  @Test
  void everyTeamHasItsDemoUserWithThePasswordOfItsId() {
    for (Team team : Team.values()) {
      HttpCalls member = demo.http().as(team.demoUserId(), team.demoUserId());
      assertThat(member.get("/api/me").body()).as(team.demoUserId())
          .contains("\"groups\":[\"" + team.groupId() + "\"]");
    }
  }

  @Test
  void theDemoAdminIsACamundaAdmin() {
    assertThat(demo.http().as("demo", "demo").get("/api/me").body()).contains("camunda-admin");
  }

  @Test
  void theWebappsAreServed() {
    assertThat(demo.http().get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(200);
    assertThat(demo.http().get("/camunda/app/cockpit/default/").statusCode()).isEqualTo(200);
  }

  @Test
  void whatWasRecordedSurvivesARestart() {
    HttpCalls admin = demo.http().as("demo", "demo");
    assertThat(admin.postJson("/engine-rest/group/create",
        "{\"id\":\"restart-check\",\"name\":\"Restart check\",\"type\":\"WORKFLOW\"}").statusCode()).isEqualTo(204);

    demo.close();
    demo = ForkedApp.startIn(workingDirectory);

    assertThat(demo.http().as("demo", "demo").get("/engine-rest/group/restart-check").body())
        .contains("Restart check");
  }
}
