package io.pilotlaunch.startupguard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.pilotlaunch.PilotLaunchApplication;
import io.pilotlaunch.support.EmbeddedPostgresDatabase;
import io.pilotlaunch.support.ForkedApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;

/**
 * The app will not run with an admin password anyone could guess or that is too weak, nor with the
 * demo's users outside the demo, nor the demo anywhere but on its embedded H2 database; without a
 * profile it is not the demo. Each refusal comes before any bean, so the starts run in this JVM;
 * the bare start of the jar runs in one of its own. Not beside the shared context's tests: a Spring
 * start in this JVM sets up logging and Camunda's static registries again.
 */
@Execution(ExecutionMode.SAME_THREAD)
class AdminPasswordGuardIT {

  private static final String POSTGRES_URL =
      "--spring.datasource.url=" + EmbeddedPostgresDatabase.jdbcUrl();
  private static final String POSTGRES_USER =
      "--spring.datasource.username=" + EmbeddedPostgresDatabase.USER;

  @ParameterizedTest(name = "admin password ''{0}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "''   | The admin password is missing",
        "demo | The admin password is a demo password",
        "sre  | The admin password is a demo password",
        "x    | The password must have at least 12 characters, have an uppercase letter and have"
            + " a digit",
        "integration-test-secret | The password must have an uppercase letter and have a digit",
        "Administrator-password-1 | The password must not contain the user's id, name or e-mail"
      })
  void thePostgresProfileRefusesToStart(String password, String reason) {
    assertRefused(
        reason,
        "--spring.profiles.active=postgres",
        POSTGRES_URL,
        POSTGRES_USER,
        "--camunda.bpm.admin-user.password=" + password);
  }

  @ParameterizedTest(name = "profiles ''{0}''")
  @CsvSource({"demo,postgres", "demo"})
  void theDemoRefusesToRunOnPostgres(String profiles) {
    assertRefused(
        "The demo profile runs on its embedded H2 database only",
        "--spring.profiles.active=" + profiles,
        POSTGRES_URL,
        POSTGRES_USER,
        "--camunda.bpm.admin-user.password=A-secret-of-our-own-1");
  }

  /** An H2 server is a database others may share: the demo's users stay out of it. */
  @Test
  void theDemoRefusesToRunOnAnH2Server() {
    assertRefused(
        "The demo profile runs on its embedded H2 database only",
        "--spring.profiles.active=demo",
        "--spring.datasource.url=jdbc:h2:tcp://localhost/~/pilot-launch");
  }

  @Test
  void demoUsersAreForTheDemoOnly() {
    assertRefused(
        "pilot.demo-users creates users whose password is their name: it is for the demo profile",
        "--spring.profiles.active=postgres",
        POSTGRES_URL,
        POSTGRES_USER,
        "--camunda.bpm.admin-user.password=A-secret-of-our-own-1",
        "--pilot.demo-users=true");
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
            "--spring.profiles.active=demo",
            "PILOT_ADMIN_PASSWORD");
  }

  private static void assertRefused(String reason, String... args) {
    Throwable thrown =
        catchThrowable(() -> SpringApplication.run(PilotLaunchApplication.class, args).close());
    Throwable refusal = thrown;
    while (refusal != null && !(refusal instanceof InsecureConfigurationException)) {
      refusal = refusal.getCause();
    }
    assertThat(refusal).as("refused by the guard: " + thrown).isNotNull();
    assertThat(refusal.getMessage()).contains(reason).doesNotContain("A-secret-of-our-own-1");
  }
}
