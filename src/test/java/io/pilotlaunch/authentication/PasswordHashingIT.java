package io.pilotlaunch.authentication;

import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.teams.Team;
import java.time.Duration;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.digest.Sha512HashDigest;
import org.camunda.bpm.engine.impl.util.EncryptionUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Passwords are stored as slow hashes (PBKDF2); the hashes Camunda wrote before (salted SHA-512)
 * still log their users in, and are replaced by the first login.
 */
class PasswordHashingIT extends PostgresIntegrationTest {

  @Value("${pilot.passwords.hash-iterations}")
  int iterations;

  @Autowired JdbcTemplate jdbc;
  @Autowired IdentityService identityService;

  @Test
  void aNewPasswordIsStoredAsASlowHash() {
    String user = users.memberOf(Team.DOCS_STANDARDS, "hash-new-docs");

    assertThat(storedHash(user)).matches("\\{PBKDF2-SHA256}" + iterations + "\\$[^$]+\\$[^$]+");
    assertThat(identityService.checkPassword(user, passwordOf(user))).isTrue();
  }

  @Test
  void aHashOfTheOldKindLogsInAndTheLoginReplacesIt() {
    String user = users.memberOf(Team.DOCS_STANDARDS, "hash-old-docs");
    String salt =
        jdbc.queryForObject("select SALT_ from ACT_ID_USER where ID_ = ?", String.class, user);
    String sha512 =
        "{SHA-512}"
            + new Sha512HashDigest().encrypt(EncryptionUtil.saltPassword(passwordOf(user), salt));
    jdbc.update("update ACT_ID_USER set PWD_ = ? where ID_ = ?", sha512, user);

    assertThat(
            http()
                .as(user, passwordOf(user))
                .get("/engine-rest/task/count")
                .getStatusCode()
                .value())
        .isEqualTo(200);

    await("the login re-hashes the password")
        .atMost(Duration.ofSeconds(10))
        .until(() -> storedHash(user).startsWith("{PBKDF2-SHA256}"));
    assertThat(identityService.checkPassword(user, passwordOf(user))).isTrue();
  }

  private String storedHash(String user) {
    return jdbc.queryForObject("select PWD_ from ACT_ID_USER where ID_ = ?", String.class, user);
  }
}
