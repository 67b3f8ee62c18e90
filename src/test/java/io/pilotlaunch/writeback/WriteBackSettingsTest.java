package io.pilotlaunch.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** A wrong write-back setting stops the start and names the property; a right one starts. */
class WriteBackSettingsTest {

  @Configuration
  @EnableConfigurationProperties(WriteBackSettings.class)
  static class Settings {}

  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class))
          .withUserConfiguration(Settings.class)
          .withPropertyValues("pilot.write-back.max-attempts=3", "pilot.write-back.timeout=PT5S");

  @Test
  void anEnabledMilestoneWithoutARepositoryOrWithAnUnknownHostFailsTheStart() {
    context
        .withPropertyValues(
            "pilot.write-back.milestones.m6.enabled=true",
            "pilot.write-back.milestones.m6.host=bitbucket")
        .run(
            started ->
                assertThat(started)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining(
                        "pilot.write-back.milestones.m6.repository-url is missing")
                    .hasMessageContaining(
                        "pilot.write-back.milestones.m6.host 'bitbucket' is not a git host we"
                            + " know; known: github, gitlab, gitea"));
  }

  @Test
  void aHostWithoutItsRepositoryTokenOrAddressFailsTheStart() {
    context
        .withPropertyValues(
            "pilot.write-back.milestones.m6.enabled=true",
            "pilot.write-back.milestones.m6.repository-url=https://gitea.team.test/team/docs.git",
            "pilot.write-back.milestones.m6.host=gitea")
        .run(
            started ->
                assertThat(started)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("m6.api-url is missing")
                    .hasMessageContaining("m6.repository is missing")
                    .hasMessageContaining("m6.token is missing"));
  }

  @Test
  void aMilestoneWriteBackDoesNotKnowFailsTheStart() {
    context
        .withPropertyValues("pilot.write-back.milestones.m9.enabled=false")
        .run(
            started ->
                assertThat(started)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining(
                        "pilot.write-back.milestones.m9: no milestone m9 can be written back;"
                            + " known: m6"));
  }

  @Test
  void anEnabledMilestoneTakesItsBranchesAndPathsFromItsDocumentUnlessTold() {
    context
        .withPropertyValues(
            "pilot.write-back.milestones.m6.enabled=true",
            "pilot.write-back.milestones.m6.repository-url=https://github.com/team/docs.git",
            "pilot.write-back.milestones.m6.host=GitHub",
            "pilot.write-back.milestones.m6.repository=team/docs",
            "pilot.write-back.milestones.m6.token=secret")
        .run(
            started -> {
              assertThat(started).hasNotFailed();
              WriteBackSettings.Resolved m6 =
                  started.getBean(WriteBackSettings.class).enabled().get("m6");
              assertThat(m6.branch()).isEqualTo("docs/m6-p3-pilot-exit-signoff");
              assertThat(m6.target()).isEqualTo("chore/m6-integration");
              assertThat(m6.documentPath()).isEqualTo("docs/milestones/m6-mvp-pilot-launch.md");
              assertThat(m6.indexPath()).isEqualTo("docs/milestones/README.md");
              assertThat(m6.apiUrl()).isEqualTo("https://api.github.com");
              assertThat(m6.host()).contains(GitHost.GITHUB);
              assertThat(m6.gitUsername()).isEqualTo("x-access-token");
              assertThat(m6).as("no token in logs").asString().doesNotContain("secret");
            });
  }
}
