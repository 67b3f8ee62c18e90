package io.pilotlaunch.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.support.EmbeddedPostgresDatabase;
import io.pilotlaunch.support.ForkedApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The app will not run with an admin password anyone could guess or that is too weak, nor with the
 * demo's users outside the demo, nor the demo anywhere but on its embedded H2 database; without a
 * profile it is not the demo.
 */
class AdminPasswordGuardIT {

  @ParameterizedTest(name = "admin password ''{0}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "''   | The admin password is missing",
        "demo | The admin password is a demo password",
        "sre  | The admin password is a demo password",
        "x    | The password must have at least 12 characters, have an uppercase letter and have"
            + " a digit",
        "integration-test-secret | The password must have an uppercase letter and have a" + " digit"
      })
  void thePostgresProfileRefusesToStart(String password, String reason) {
    ForkedApp refused =
        ForkedApp.runUntilExit(
            "--spring.profiles.active=postgres",
            "--spring.datasource.url=" + EmbeddedPostgresDatabase.jdbcUrl(),
            "--spring.datasource.username=" + EmbeddedPostgresDatabase.USER,
            "--camunda.bpm.admin-user.password=" + password);

    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.output())
        .contains("APPLICATION FAILED TO START", reason, "PILOT_ADMIN_PASSWORD");
  }

  @ParameterizedTest(name = "profiles ''{0}''")
  @CsvSource({"demo,postgres", "demo"})
  void theDemoRefusesToRunOnPostgres(String profiles) {
    ForkedApp refused =
        ForkedApp.runUntilExit(
            "--spring.profiles.active=" + profiles,
            "--spring.datasource.url=" + EmbeddedPostgresDatabase.jdbcUrl(),
            "--spring.datasource.username=" + EmbeddedPostgresDatabase.USER,
            "--camunda.bpm.admin-user.password=A-secret-of-our-own-1");

    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.output())
        .contains(
            "APPLICATION FAILED TO START", "The demo profile runs on its embedded H2 database only")
        .doesNotContain("password=A-secret");
  }

  @Test
  void demoUsersAreForTheDemoOnly() {
    ForkedApp refused =
        ForkedApp.runUntilExit(
            "--spring.profiles.active=postgres",
            "--spring.datasource.url=" + EmbeddedPostgresDatabase.jdbcUrl(),
            "--spring.datasource.username=" + EmbeddedPostgresDatabase.USER,
            "--camunda.bpm.admin-user.password=A-secret-of-our-own-1",
            "--pilot.demo-users=true");

    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.output())
        .contains("APPLICATION FAILED TO START", "pilot.demo-users", "demo profile only");
  }

  /** The jar and the image: a bare start is not the demo, whatever database it finds. */
  @Test
  void withoutAProfileTheAppIsNotTheDemo() {
    ForkedApp refused = ForkedApp.runUntilExit();

    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.output())
        .contains(
            "APPLICATION FAILED TO START",
            "The admin password is missing",
            "--spring.profiles.active=demo");
  }
}
