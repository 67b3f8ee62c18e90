package io.pilotlaunch.authentication;

import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.teams.Team;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * Wrong passwords slow down the client that sends them, never the owner: Camunda's own lockout,
 * which let anyone lock any account, is gone. The tests speak from other client addresses the way a
 * TLS proxy on this host forwards them (X-Forwarded-For from the one proxy the app trusts); a
 * client that says the same without being that proxy is not believed.
 */
class LoginThrottleIT extends PostgresIntegrationTest {

  private static final String GUESSER = "203.0.113.7";
  private static final String OWNER = "198.51.100.9";

  @Test
  void aWrongPasswordIsFollowedByTheRightOneAtOnce() {
    String user = users.memberOf(Team.QA_TESTING, "throttle-qa");

    assertThat(
            from(OWNER)
                .as(user, "not-the-password")
                .get("/engine-rest/task/count")
                .getStatusCode()
                .value())
        .isEqualTo(401);
    Instant before = Instant.now();
    ResponseEntity<String> right =
        from(OWNER).as(user, passwordOf(user)).get("/engine-rest/task/count");

    assertThat(right.getStatusCode().value()).isEqualTo(200);
    assertThat(Duration.between(before, Instant.now()))
        .as("answered without a delay")
        .isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aGuesserIsStoppedWhileTheOwnerElsewhereLogsInEvenAfterCamundasLockoutLimit() {
    String user = users.memberOf(Team.SECURITY_COMPLIANCE, "throttle-security");

    // Camunda's lockout locked an account for good after ten wrong passwords (login-max-attempts).
    for (int i = 0; i < 12; i++) {
      assertThat(from(GUESSER).as(user, "guess-" + i).get("/api/me").getStatusCode().value())
          .isEqualTo(401);
    }
    ResponseEntity<String> guesserWithTheRightPassword =
        from(GUESSER).as(user, passwordOf(user)).get("/api/me");
    ResponseEntity<String> ownerByApi = from(OWNER).as(user, passwordOf(user)).get("/api/me");
    ResponseEntity<String> ownerByEngineRest =
        from(OWNER).as(user, passwordOf(user)).get("/engine-rest/task/count");

    assertThat(guesserWithTheRightPassword.getStatusCode().value())
        .as("throttled, whatever it sends")
        .isEqualTo(401);
    assertThat(ownerByApi.getStatusCode().value()).isEqualTo(200);
    assertThat(ownerByEngineRest.getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void nothingIsLockedForGoodTheGuesserMayTryAgainLater() {
    String user = users.memberOf(Team.DOCS_STANDARDS, "throttle-docs");
    HttpCalls guesser = from("203.0.113.99");
    for (int i = 0; i < 6; i++) {
      guesser.as(user, "guess-" + i).get("/api/me");
    }
    assertThat(guesser.as(user, passwordOf(user)).get("/api/me").getStatusCode().value())
        .isEqualTo(401);

    // pilot.login.refill-period is PT10S in the tests (PT1M by default)
    await("the throttle lets the client try again")
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> guesser.as(user, passwordOf(user)).get("/api/me").getStatusCode().value() == 200,
            found -> found != null && !Boolean.FALSE.equals(found));
  }

  @Test
  void oneClientGuessingManyAccountsIsStoppedForAllOfThem() {
    HttpCalls sprayer = from("203.0.113.50");
    for (int i = 0; i < 51; i++) {
      sprayer.as("sprayed-" + i, "password").get("/engine-rest/task/count");
    }
    String user = users.memberOf(Team.ARCHITECTURE, "throttle-architect");

    assertThat(
            sprayer
                .as(user, passwordOf(user))
                .get("/engine-rest/task/count")
                .getStatusCode()
                .value())
        .isEqualTo(401);
    assertThat(
            from(OWNER)
                .as(user, passwordOf(user))
                .get("/engine-rest/task/count")
                .getStatusCode()
                .value())
        .isEqualTo(200);
  }

  @Test
  void aClientThatRotatesForwardedAddressesIsThrottledAsItself() {
    String user = users.memberOf(Team.BACKEND_ENGINEERING, "throttle-rotating-backend");
    for (int i = 0; i < 8; i++) {
      HttpCalls pretending = http().withHeader("X-Forwarded-For", "203.0.113." + (100 + i));
      assertThat(pretending.as(user, "guess-" + i).get("/api/me").getStatusCode().value())
          .isEqualTo(401);
    }

    assertThat(
            http()
                .withHeader("X-Forwarded-For", "203.0.113.200")
                .as(user, passwordOf(user))
                .get("/api/me")
                .getStatusCode()
                .value())
        .as("the same connecting client, throttled whatever address it claims")
        .isEqualTo(401);
    assertThat(from(OWNER).as(user, passwordOf(user)).get("/api/me").getStatusCode().value())
        .isEqualTo(200);
  }

  @Test
  void aClientThatClaimsTheVictimsAddressCannotLockTheVictimOut() {
    String user = users.memberOf(Team.FRONTEND_ENGINEERING, "throttle-victim-frontend");
    String victim = "198.51.100.44";
    for (int i = 0; i < 8; i++) {
      http().withHeader("X-Forwarded-For", victim).as(user, "guess-" + i).get("/api/me");
    }

    assertThat(from(victim).as(user, passwordOf(user)).get("/api/me").getStatusCode().value())
        .as("the victim, through the proxy, logs in")
        .isEqualTo(200);
  }

  private HttpCalls from(String clientAddress) {
    return throughTrustedProxy().withHeader("X-Forwarded-For", clientAddress);
  }
}
