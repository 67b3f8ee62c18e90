package io.pilotlaunch.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterListCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
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
    SetTaskVariablesCmd set = new SetTaskVariablesCmd("t4", VARIABLES, true);
    assertThat(EngineInternals.field(set, "entityId", String.class)).isEqualTo("t4");
    assertThat(EngineInternals.field(set, "variables", Map.class)).isEqualTo(VARIABLES);
    assertThat(EngineInternals.field(set, "isLocal", Boolean.class)).isTrue();
    PatchTaskVariablesCmd patch =
        new PatchTaskVariablesCmd("t5", VARIABLES, List.of("comment"), false);
    assertThat(EngineInternals.field(patch, "deletions", Collection.class))
        .containsExactly("comment");
    assertThat(EngineInternals.field(patch, "isLocal", Boolean.class)).isFalse();
    assertThat(
            EngineInternals.field(
                new RemoveTaskVariablesCmd("t6", List.of("x"), true),
                "variableNames",
                Collection.class))
        .containsExactly("x");
    assertThat(EngineInternals.field(new ClaimTaskCmd("t7", "qa"), "userId", String.class))
        .isEqualTo("qa");
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
