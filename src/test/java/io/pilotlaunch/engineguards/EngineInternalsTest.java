package io.pilotlaunch.engineguards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cmd.AddCommentCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterListCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterListPageCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobRetriesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.query.Query;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

/**
 * Every command field the guards read exists in this Camunda version and holds what they expect.
 */
class EngineInternalsTest {

  private static final Map<String, Object> VARIABLES = Map.of("done", true);

  @Test
  void theTaskGuardReadsTheArgumentsOfEachCommandItJudges() {
    assertThat(EngineInternals.field(new CompleteTaskCmd("t1", VARIABLES), "taskId", String.class))
        .isEqualTo("t1");
    assertThat(EngineInternals.field(new ResolveTaskCmd("t2", VARIABLES), "variables", Map.class))
        .isEqualTo(VARIABLES);
    assertThat(
            EngineInternals.field(
                new SubmitTaskFormCmd("t3", VARIABLES, false, false), "properties", Map.class))
        .containsEntry("done", true);
    assertThat(EngineInternals.field(new ClaimTaskCmd("t7", "qa"), "userId", String.class))
        .isEqualTo("qa");
    assertThat(EngineInternals.field(new ClaimTaskCmd("t7", "qa"), "taskId", String.class))
        .isEqualTo("t7");
    assertThat(
            EngineInternals.field(
                new SubmitStartFormCmd("definition", null, VARIABLES),
                "processDefinitionId",
                String.class))
        .isEqualTo("definition");
    ProcessInstantiationBuilderImpl start =
        (ProcessInstantiationBuilderImpl)
            ProcessInstantiationBuilderImpl.createProcessInstanceByKey(null, "key");
    assertThat(
            EngineInternals.field(
                new StartProcessInstanceCmd(start),
                "instantiationBuilder",
                ProcessInstantiationBuilderImpl.class))
        .isSameAs(start);
  }

  @Test
  void theAllowListReadsTheArgumentsOfEachCommandWithACondition() {
    SetJobRetriesCmd retry = new SetJobRetriesCmd("j1", null, 2, null, false);
    assertThat(EngineInternals.field(retry, "jobId", String.class)).isEqualTo("j1");
    assertThat(EngineInternals.field(retry, "jobDefinitionId", String.class)).isNull();
    assertThat(EngineInternals.field(retry, "retries", Integer.class)).isEqualTo(2);
    assertThat(EngineInternals.field(retry, "isDueDateSet", Boolean.class)).isFalse();
    assertThat(
            EngineInternals.field(
                new SetJobRetriesCmd(List.of("j2"), 1, new Date(), true), "jobIds", List.class))
        .containsExactly("j2");
    AssignTaskCmd unclaim = new AssignTaskCmd("t8", null);
    assertThat(EngineInternals.field(unclaim, "taskId", String.class)).isEqualTo("t8");
    assertThat(EngineInternals.field(unclaim, "userId", String.class)).isNull();
    assertThat(
            EngineInternals.field(new AddCommentCmd("t9", null, "hello"), "message", String.class))
        .isEqualTo("hello");
    ExecuteFilterListPageCmd page = new ExecuteFilterListPageCmd("f", 30, 15);
    assertThat(EngineInternals.field(page, "firstResult", Integer.class)).isEqualTo(30);
    assertThat(EngineInternals.field(page, "maxResults", Integer.class)).isEqualTo(15);
    TaskEntity task = new TaskEntity("t10");
    assertThat(EngineInternals.field(new SaveTaskCmd(task), "task", TaskEntity.class))
        .isSameAs(task);
    UserEntity user = new UserEntity("u1");
    user.setPassword("A-password-1");
    SaveUserCmd save = new SaveUserCmd(user, true);
    assertThat(EngineInternals.field(save, "user", User.class)).isSameAs(user);
    assertThat(EngineInternals.field(save, "skipPasswordPolicy", Boolean.class)).isTrue();
    assertThat(EngineInternals.field(user, "newPassword", String.class)).isEqualTo("A-password-1");
  }

  @Test
  void theQueryGuardReadsTheQueryThatExtendsAFilter() {
    TaskQueryImpl extending = new TaskQueryImpl();
    assertThat(
            EngineInternals.field(
                new ExecuteFilterListCmd("f", extending), "extendingQuery", Query.class))
        .isSameAs(extending);
  }

  /** The guard takes the fields a form hides out of a submit before it runs. */
  @Test
  void theTaskGuardReplacesTheInputOfASubmit() {
    Map<String, Object> kept = Variables.createVariables().putValue("done", false);
    CompleteTaskCmd complete = new CompleteTaskCmd("t1", VARIABLES);
    SubmitTaskFormCmd submit = new SubmitTaskFormCmd("t2", VARIABLES, false, false);

    EngineInternals.set(complete, "variables", kept);
    EngineInternals.set(submit, "properties", kept);

    assertThat(EngineInternals.field(complete, "variables", Map.class)).isSameAs(kept);
    assertThat(EngineInternals.field(submit, "properties", Map.class)).isSameAs(kept);
  }

  @Test
  void aMissingFieldSaysWhatDiffers() {
    assertThatThrownBy(
            () -> EngineInternals.field(new ClaimTaskCmd("t", "u"), "assignee", String.class))
        .hasMessageContaining("ClaimTaskCmd has no field 'assignee'");
  }
}
