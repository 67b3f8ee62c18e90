package io.pilotlaunch.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.RestartProcessInstancesCmd;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobListener;
import org.junit.jupiter.api.Test;

/** The allow-list names commands exactly, and SECURITY.md says what it allows. */
class TeamCommandsTest {

  @Test
  void aCommandIsAllowedByItsOwnClassOrAsAQuery() {
    assertThat(TeamCommands.find(ClaimTaskCmd.class)).isPresent();
    assertThat(TeamCommands.find(TaskQueryImpl.class)).isPresent();
    // a subclass of an allowed command is another command: resolving is not completing
    assertThat(TeamCommands.find(ResolveTaskCmd.class)).isEmpty();
    assertThat(TeamCommands.find(RestartProcessInstancesCmd.class)).isEmpty();
  }

  @Test
  void aRefusalNamesTheCommandInWords() {
    assertThat(TeamCommands.inWords(RestartProcessInstancesCmd.class))
        .isEqualTo("restart process instances");
    assertThat(TeamCommands.inWords(FailedJobListener.class)).isEqualTo("execute job");
  }

  @Test
  void securityMdSaysWhatTheListAllows() throws IOException {
    String security = Files.readString(Path.of("SECURITY.md"));
    for (TeamCommands.Allowed allowed : TeamCommands.ALLOWED) {
      assertThat(security)
          .as(allowed.command().getSimpleName() + " for " + allowed.who())
          .contains(allowed.inWords());
    }
  }
}
