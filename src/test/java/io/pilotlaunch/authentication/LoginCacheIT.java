package io.pilotlaunch.authentication;

import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.teams.Team;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A remembered login (30 s by default) never outlives a change made through the engine: each check
 * below follows a login that was just remembered, so without the cache's invalidation it would see
 * the old state.
 */
class LoginCacheIT extends PostgresIntegrationTest {

  @Autowired IdentityService identityService;

  @Test
  void aChangedPasswordCountsAtOnce() {
    String user = users.memberOf(Team.QA_TESTING, "cache-password-qa");
    assertThat(status(http().as(user, passwordOf(user)))).isEqualTo(200);

    User saved = identityService.createUserQuery().userId(user).singleResult();
    saved.setPassword("A-new-password-2");
    identityService.saveUser(saved);

    assertThat(status(http().as(user, passwordOf(user)))).isEqualTo(401);
    assertThat(status(http().as(user, "A-new-password-2"))).isEqualTo(200);
  }

  @Test
  void aRemovedMembershipCountsAtOnce() {
    String user = users.memberOf(Team.ARCHITECTURE, "cache-membership-architect");
    HttpCalls calls = http().as(user, passwordOf(user));
    assertThat(calls.get("/api/me").getBody()).contains("\"groups\":[\"architecture\"]");

    identityService.deleteMembership(user, Team.ARCHITECTURE.groupId());

    assertThat(calls.get("/api/me").getBody()).contains("\"groups\":[]");
  }

  @Test
  void aDeletedUserIsRefusedAtOnce() {
    String user = users.memberOf(Team.DOCS_STANDARDS, "cache-deleted-docs");
    assertThat(status(http().as(user, passwordOf(user)))).isEqualTo(200);

    identityService.deleteUser(user);

    assertThat(status(http().as(user, passwordOf(user)))).isEqualTo(401);
  }

  @Test
  void aRememberedLoginDoesNotAdmitAnotherPassword() {
    String user = users.memberOf(Team.FRONTEND_ENGINEERING, "cache-other-password-frontend");
    assertThat(status(http().as(user, passwordOf(user)))).isEqualTo(200);

    assertThat(status(http().as(user, passwordOf(user) + "x"))).isEqualTo(401);
    assertThat(status(http().as(user, ""))).isEqualTo(401);
  }

  private static int status(HttpCalls calls) {
    return calls.get("/api/me").getStatusCode().value();
  }
}
