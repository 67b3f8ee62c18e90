package io.pilotlaunch.teams;

import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.support.SqlRecorder;
import io.pilotlaunch.support.SqlRecorder.Statement;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * What a team's task query costs the database does not grow with the number of pilots: the same
 * statements, binding the same number of parameters, at a few pilots and at 200 more. (With one
 * tenant per pilot and every team its member, a request once loaded every tenant id and sent them
 * all as an IN list.) Counted, not timed: docs/benchmarks.md has the times.
 */
class TeamRequestCostIT extends PostgresIntegrationTest {

  @Autowired SqlRecorder sql;
  @Autowired IdentityService identityService;

  @Test
  void aTeamsTaskQueryAndCountSendTheSameSqlAt10And210Pilots() {
    startPilots("cost-a", 10);
    List<Statement> atFew = teamRequests("cost-pm-1");

    startPilots("cost-b", 200);
    List<Statement> atMany = teamRequests("cost-pm-2");

    assertThat(atMany)
        .extracting(Statement::sql)
        .isEqualTo(atFew.stream().map(Statement::sql).toList());
    assertThat(atMany)
        .extracting(Statement::parameters)
        .isEqualTo(atFew.stream().map(Statement::parameters).toList());
    assertThat(
            identityService
                .createTenantQuery()
                .userMember("cost-pm-2")
                .includingGroupsOfUser(true)
                .count())
        .as("tenants a team member's requests carry")
        .isZero();
  }

  /**
   * A Tasklist filter's two calls by a team member logging in afresh: the tasks and their count.
   * What the server thread sends for them; background jobs run on other threads.
   */
  private List<Statement> teamRequests(String userId) {
    users.memberOf(Team.PRODUCT_MANAGEMENT, userId);
    var pm = http().as(userId, passwordOf(userId));
    sql.recordEverywhere();
    ResponseEntity<String> tasks =
        pm.get("/engine-rest/task?candidateGroup=product-management&maxResults=15");
    ResponseEntity<String> count =
        pm.get("/engine-rest/task/count?candidateGroup=product-management");
    List<Statement> sent = sql.stopEverywhere();
    assertThat(tasks.getStatusCode().value()).isEqualTo(200);
    assertThat(count.getStatusCode().value()).isEqualTo(200);
    List<Statement> ofRequests =
        sent.stream().filter(s -> s.thread().startsWith("http-nio")).toList();
    assertThat(ofRequests).isNotEmpty();
    return ofRequests;
  }

  private void startPilots(String prefix, int count) {
    for (int i = 0; i < count; i++) {
      pilots.start(prefix + "-" + i);
    }
  }
}
