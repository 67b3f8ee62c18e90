package io.pilotlaunch.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.support.EmbeddedPostgresDatabase;
import io.pilotlaunch.support.ForkedApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The postgres profile will not run with an admin password anyone could guess from the demo, nor
 * with the demo's users.
 */
class AdminPasswordGuardIT {

  @ParameterizedTest(name = "admin password ''{0}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "''   | The admin password is missing",
        "demo | The admin password is a demo password",
        "sre  | The admin password is a demo password"
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

  @Test
  void theDemoProfileRefusesToRunOnPostgres() {
    ForkedApp refused =
        ForkedApp.runUntilExit(
            "--spring.profiles.active=demo,postgres",
            "--spring.datasource.url=" + EmbeddedPostgresDatabase.jdbcUrl(),
            "--spring.datasource.username=" + EmbeddedPostgresDatabase.USER,
            "--camunda.bpm.admin-user.password=a-secret-of-our-own");

    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.output())
        .contains(
            "APPLICATION FAILED TO START", "The demo profile cannot run with the postgres profile");
  }
}
