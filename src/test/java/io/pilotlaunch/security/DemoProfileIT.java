package io.pilotlaunch.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.support.ForkedApp;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.teams.Team;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What `mvn spring-boot:run` gives a new user: no profile named, so the demo, on H2. */
class DemoProfileIT {

  private static ForkedApp demo;

  @BeforeAll
  static void startWithoutAProfile() {
    // In memory instead of the ./data file, so the test leaves nothing behind.
    demo = ForkedApp.start("--spring.datasource.url=jdbc:h2:mem:demo-profile-it;DB_CLOSE_ON_EXIT=FALSE");
  }

  @AfterAll
  static void stop() {
    demo.close();
  }

  @Test
  void theDemoProfileIsTheDefault() {
    assertThat(demo.output()).contains("No active profile set, falling back to 1 default profile: \"demo\"");
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
}
