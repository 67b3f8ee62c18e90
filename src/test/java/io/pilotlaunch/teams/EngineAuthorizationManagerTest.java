package io.pilotlaunch.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A caller's groups go into the engine's checks as they are: a group that holds no authorization
 * changes no answer, in a query or in a command. Engine only, authorization on.
 */
class EngineAuthorizationManagerTest {

  private static ProcessEngine engine;
  private static TaskService tasks;
  private static IdentityService identity;
  private static String taskOfTeamA;

  @BeforeAll
  static void buildEngine() {
    ProcessEngineConfigurationImpl configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration
        .setProcessEngineName("engine-authorization-manager")
        .setJdbcUrl("jdbc:h2:mem:engine-authorization-manager;DB_CLOSE_DELAY=-1")
        .setDatabaseSchemaUpdate("create-drop")
        .setJobExecutorActivate(false)
        .setAuthorizationEnabled(true);
    configuration.setProcessEnginePlugins(List.of(new EngineAuthorizationManager()));
    engine = configuration.buildProcessEngine();
    tasks = engine.getTaskService();
    identity = engine.getIdentityService();
    // unauthenticated, so unchecked; the engine grants the candidate group its task
    Task task = tasks.newTask();
    task.setName("an item of team A");
    tasks.saveTask(task);
    tasks.addCandidateGroup(task.getId(), "team-a");
    taskOfTeamA = task.getId();
  }

  @AfterAll
  static void closeEngine() {
    engine.close();
  }

  @AfterEach
  void signOut() {
    identity.clearAuthentication();
  }

  @Test
  void theEngineRunsWithThisManager() {
    Object manager =
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
            .getCommandExecutorTxRequired()
            .execute(context -> context.getAuthorizationManager());
    assertThat(manager).isInstanceOf(EngineAuthorizationManager.Manager.class);
  }

  @Test
  void aGroupWithoutAuthorizationsAddsNothing() {
    identity.setAuthentication("a", List.of("team-a", "a-group-without-grants", "team-a"));
    assertThat(tasks.createTaskQuery().list()).extracting(Task::getId).containsExactly(taskOfTeamA);
    assertThat(tasks.createTaskQuery().count()).isEqualTo(1);

    identity.setAuthentication("b", List.of("a-group-without-grants"));
    assertThat(tasks.createTaskQuery().list()).isEmpty();
    assertThatThrownBy(() -> tasks.claim(taskOfTeamA, "b"))
        .isInstanceOf(AuthorizationException.class);

    identity.setAuthentication("c", List.of());
    assertThat(tasks.createTaskQuery().list()).isEmpty();
  }

  @Test
  void theTeamStillWorksItsTask() {
    identity.setAuthentication("a", List.of("a-group-without-grants", "team-a"));
    assertThat(tasks.getVariables(taskOfTeamA)).isEmpty();
  }
}
