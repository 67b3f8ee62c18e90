package io.pilotlaunch.security;

import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.teams.Team;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RestAuthenticationIT extends PostgresIntegrationTest {

  @Test
  void engineRestWithoutCredentialsIsUnauthorized() {
    HttpResponse<String> response = http().get("/engine-rest/task");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Basic"));
  }

  @Test
  void engineRestWithWrongPasswordIsUnauthorized() {
    // A user of its own: a wrong password delays that user's next login.
    String user = users.memberOf(Team.DOCS_STANDARDS, "wrong-password-docs");

    assertThat(http().as(user, "not-the-password").get("/engine-rest/task").statusCode()).isEqualTo(401);
    assertThat(http().as("no-such-user", "x").get("/engine-rest/task").statusCode()).isEqualTo(401);
  }

  @Test
  void engineRestAnswersATeamUser() {
    String user = users.memberOf(Team.QA_TESTING, "rest-qa");

    HttpResponse<String> response = http().as(user, passwordOf(user)).get("/engine-rest/task");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).startsWith("[");
  }

  @Test
  void apiNeedsTheSameCredentialsAndAnswersProblems() {
    String user = users.memberOf(Team.ARCHITECTURE, "api-architect");

    HttpResponse<String> anonymous = http().get("/api/me");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(anonymous.body()).contains("\"status\":401", "HTTP Basic");

    HttpResponse<String> me = http().as(user, passwordOf(user)).get("/api/me");
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.body()).contains("\"userId\":\"api-architect\"", "\"groups\":[\"architecture\"]");

    HttpResponse<String> unknown = http().as(user, passwordOf(user)).get("/api/no-such-endpoint");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
  }

  @Test
  void healthIsOpenWithTheJobExecutorAndMetricsAreNot() {
    HttpResponse<String> health = http().get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"", "\"jobExecutor\"");

    assertThat(http().get("/actuator/prometheus").statusCode()).isEqualTo(401);
    assertThat(http().get("/actuator/metrics").statusCode()).isEqualTo(401);

    String sre = users.memberOf(Team.DEVOPS_SRE, "metrics-sre");
    HttpResponse<String> metrics = http().as(sre, passwordOf(sre)).get("/actuator/prometheus", "text/plain");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("jvm_memory_used_bytes");
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
        statuses.add(clients.submit(() -> http().as(user, passwordOf(user)).get(path).statusCode()));
      }
      for (Future<Integer> status : statuses) {
        assertThat(status.get()).isEqualTo(200);
      }
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void taskQueriesCarryNoExpressions() {
    String user = users.memberOf(Team.FRONTEND_ENGINEERING, "expr-frontend");
    var calls = http().as(user, passwordOf(user));

    HttpResponse<String> nested = calls.postJson("/engine-rest/task",
        "{\"orQueries\":[{\"assigneeExpression\":\"${execution.getProcessEngineServices()}\"}]}");
    assertThat(nested.statusCode()).isEqualTo(400);
    assertThat(nested.body()).contains("Expressions are not allowed", "assigneeExpression");

    // Escaped in JSON, it is the same expression once parsed.
    HttpResponse<String> escaped = calls.postJson("/engine-rest/task/count",
        "{\"orQueries\":[{\"nameLike\":\"\\u0024{1+1}\"}]}");
    assertThat(escaped.statusCode()).isEqualTo(400);

    HttpResponse<String> deferred = calls.get("/engine-rest/task?assigneeExpression=%23%7BcurrentUser()%7D");
    assertThat(deferred.statusCode()).isEqualTo(400);

    HttpResponse<String> plain = calls.postJson("/engine-rest/task", "{\"orQueries\":[{\"nameLike\":\"%review%\"}]}");
    assertThat(plain.statusCode()).isEqualTo(200);
  }

  @Test
  void theAdminSetupEndpointIsClosed() {
    HttpResponse<String> setup = http().postJson("/camunda/api/admin/setup/default/user/create",
        "{\"profile\":{\"id\":\"intruder\"},\"credentials\":{\"password\":\"intruder-pw\"}}");

    assertThat(setup.statusCode()).isEqualTo(403);
    assertThat(http().as("intruder", "intruder-pw").get("/engine-rest/task").statusCode()).isEqualTo(401);
  }
}
