package io.pilotlaunch.support;

import io.pilotlaunch.teams.Team;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.test.context.TestComponent;

/** Users that integration tests create in the postgres profile, which has no demo users. */
@TestComponent
public class TestUsers {

  private final IdentityService identityService;

  public TestUsers(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** Distinct per user, meets the password rules, and contains neither id nor name. */
  public static String passwordOf(String userId) {
    return "Pw-" + Integer.toHexString(userId.hashCode()) + "-Secret-1";
  }

  /** A member of the team, created once; returns its id. */
  public synchronized String memberOf(Team team, String userId) {
    if (identityService.createUserQuery().userId(userId).singleResult() == null) {
      User user = identityService.newUser(userId);
      user.setFirstName("Test");
      user.setLastName(team.displayName());
      user.setPassword(passwordOf(userId));
      identityService.saveUser(user);
      identityService.createMembership(userId, team.groupId());
    }
    return userId;
  }
}
