package io.pilotlaunch.authentication;

import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.teams.Team;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

class RestAuthenticationIT extends PostgresIntegrationTest {

  @Test
  void engineRestWithoutCredentialsIsUnauthorized() {
    ResponseEntity<String> response = http().get("/engine-rest/task");

    assertThat(response.getStatusCode().value()).isEqualTo(401);
    assertThat(response.getHeaders().getFirst("WWW-Authenticate"))
        .satisfies(h -> assertThat(h).startsWith("Basic"));
  }

  @Test
  void engineRestWithWrongPasswordIsUnauthorized() {
    // A user of its own: a wrong password delays that user's next login.
    String user = users.memberOf(Team.DOCS_STANDARDS, "wrong-password-docs");

    assertThat(http().as(user, "not-the-password").get("/engine-rest/task").getStatusCode().value())
        .isEqualTo(401);
    assertThat(http().as("no-such-user", "x").get("/engine-rest/task").getStatusCode().value())
        .isEqualTo(401);
  }

  @Test
  void engineRestAnswersATeamUser() {
    String user = users.memberOf(Team.QA_TESTING, "rest-qa");

    ResponseEntity<String> response = http().as(user, passwordOf(user)).get("/engine-rest/task");

    assertThat(response.getStatusCode().value()).isEqualTo(200);
    assertThat(response.getBody()).startsWith("[");
  }

  @Test
  void apiNeedsTheSameCredentialsAndAnswersProblems() {
    String user = users.memberOf(Team.ARCHITECTURE, "api-architect");

    ResponseEntity<String> anonymous = http().get("/api/me");
    assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
    assertThat(anonymous.getHeaders().getFirst("Content-Type"))
        .satisfies(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(anonymous.getBody()).contains("\"status\":401", "HTTP Basic");

    ResponseEntity<String> me = http().as(user, passwordOf(user)).get("/api/me");
    assertThat(me.getStatusCode().value()).isEqualTo(200);
    assertThat(me.getBody())
        .contains("\"userId\":\"api-architect\"", "\"groups\":[\"architecture\"]");

    ResponseEntity<String> unknown = http().as(user, passwordOf(user)).get("/api/no-such-endpoint");
    assertThat(unknown.getStatusCode().value()).isEqualTo(404);
    assertThat(unknown.getHeaders().getFirst("Content-Type"))
        .satisfies(type -> assertThat(type).startsWith("application/problem+json"));
  }

  @Test
  void healthIsOpenWithDetailsForUsersOnlyAndMetricsAreNot() {
    String sre = users.memberOf(Team.DEVOPS_SRE, "metrics-sre");
    ResponseEntity<String> health = http().get("/actuator/health");
    assertThat(health.getStatusCode().value()).isEqualTo(200);
    assertThat(health.getBody())
        .contains("\"status\":\"UP\"")
        .doesNotContain("jobExecutor", "lockOwner", "path");
    ResponseEntity<String> details = http().as(sre, passwordOf(sre)).get("/actuator/health");
    assertThat(details.getBody()).contains("\"status\":\"UP\"", "\"jobExecutor\"", "lockOwner");
    assertThat(http().as(sre, "wrong").get("/actuator/health").getStatusCode().value())
        .isEqualTo(401);

    assertThat(http().get("/actuator/prometheus").getStatusCode().value()).isEqualTo(401);
    assertThat(http().get("/actuator/metrics").getStatusCode().value()).isEqualTo(401);

    ResponseEntity<String> metrics =
        http().as(sre, passwordOf(sre)).get("/actuator/prometheus", "text/plain");
    assertThat(metrics.getStatusCode().value()).isEqualTo(200);
    assertThat(metrics.getBody()).contains("jvm_memory_used_bytes");
  }

  @Test
  void aLoadOfGoodRequestsIsNeverThrottled() throws Exception {
    String user = users.memberOf(Team.BACKEND_ENGINEERING, "load-backend");
    int requests = 200;
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        String path = i % 2 == 0 ? "/engine-rest/task/count" : "/api/me";
        statuses.add(
            clients.submit(
                () -> http().as(user, passwordOf(user)).get(path).getStatusCode().value()));
      }
      for (Future<Integer> status : statuses) {
        assertThat(status.get()).isEqualTo(200);
      }
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void theAdminSetupEndpointIsClosed() {
    ResponseEntity<String> setup =
        http()
            .postJson(
                "/camunda/api/admin/setup/default/user/create",
                "{\"profile\":{\"id\":\"intruder\"},\"credentials\":{\"password\":\"intruder-pw\"}}");

    assertThat(setup.getStatusCode().value()).isEqualTo(403);
    assertThat(
            http().as("intruder", "intruder-pw").get("/engine-rest/task").getStatusCode().value())
        .isEqualTo(401);
  }
}
