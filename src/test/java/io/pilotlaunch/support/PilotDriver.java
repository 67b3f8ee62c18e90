package io.pilotlaunch.support;

import static org.awaitility.Awaitility.await;

import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.test.context.TestComponent;

/**
 * Drives real pilots in the Spring context through the engine's Java API, as the teams would
 * through Tasklist; the job executor runs the service tasks in its own threads.
 */
@TestComponent
public class PilotDriver implements PilotSteps.Driver {

  private final RuntimeService runtimeService;
  private final TaskService taskService;

  public PilotDriver(RuntimeService runtimeService, TaskService taskService) {
    this.runtimeService = runtimeService;
    this.taskService = taskService;
  }

  /**
   * Starts a pilot routed to the test environment, its window opened a day ago; returns the process
   * instance id.
   */
  public String start(String tenantId, String region) {
    return start(tenantId, region, Map.of());
  }

  /**
   * A pilot of that repository (or of none: null) started right at the wait for its onboarding pull
   * request's merge: the webhook tests need no pre-checklist, routing or provisioning first.
   */
  public String startWaitingForTheOnboardingMerge(String tenantId, String repository) {
    Map<String, Object> variables =
        variables(
            tenantId,
            PostgresIntegrationTest.TEST_REGION,
            repository == null ? Map.of() : Map.of(Variables.REPOSITORY, repository));
    return runtimeService
        .createProcessInstanceByKey(MvpPilotLaunchProcess.PROCESS_ID)
        .businessKey(tenantId)
        .setVariables(variables)
        .startBeforeActivity(MvpPilotLaunchProcess.Elements.TASK_CONFIRM_ONBOARDING_PR_MERGED)
        .execute()
        .getId();
  }

  private String start(String tenantId, String region, Map<String, Object> more) {
    return runtimeService
        .startProcessInstanceByKey(
            MvpPilotLaunchProcess.PROCESS_ID, tenantId, variables(tenantId, region, more))
        .getId();
  }

  private static Map<String, Object> variables(
      String tenantId, String region, Map<String, Object> more) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.DAYS);
    Map<String, Object> variables = new java.util.HashMap<>(more);
    variables.putAll(
        Map.of(
            Variables.TENANT_ID,
            tenantId,
            Variables.TENANT_NAME,
            "Tenant " + tenantId,
            Variables.ENVIRONMENT,
            PostgresIntegrationTest.TEST_ENVIRONMENT,
            Variables.REGION,
            region,
            Variables.PILOT_START,
            now.toString(),
            Variables.PILOT_END,
            now.plus(30, ChronoUnit.DAYS).toString()));
    return variables;
  }

  public String start(String tenantId) {
    return start(tenantId, PostgresIntegrationTest.TEST_REGION);
  }

  @Override
  public Task awaitTask(String processInstanceId, String taskKey) {
    return awaitTask(taskService, processInstanceId, taskKey);
  }

  /** Waits up to a minute for the process instance to end, completed or not. */
  public void awaitEnded(String processInstanceId) {
    await(processInstanceId + " ended")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                runtimeService
                    .createProcessInstanceQuery()
                    .processInstanceId(processInstanceId)
                    .count(),
            running -> running == 0);
  }

  /** The open task of that key, waiting up to a minute for it. */
  public static Task awaitTask(TaskService taskService, String processInstanceId, String taskKey) {
    return await("task " + taskKey + " of " + processInstanceId)
        .atMost(Duration.ofSeconds(60))
        .pollDelay(Duration.ZERO) // a task that is open already is taken at once, not 100 ms later
        .until(
            () ->
                taskService
                    .createTaskQuery()
                    .processInstanceId(processInstanceId)
                    .taskDefinitionKey(taskKey)
                    .singleResult(),
            found -> found != null && !Boolean.FALSE.equals(found));
  }

  @Override
  public Task complete(String processInstanceId, String taskKey, Map<String, Object> variables) {
    Task task = awaitTask(processInstanceId, taskKey);
    taskService.complete(task.getId(), variables);
    return task;
  }

  public void correlate(String tenantId, String message, Map<String, Object> localVariables) {
    runtimeService
        .createMessageCorrelation(message)
        .processInstanceBusinessKey(tenantId)
        .setVariablesLocal(localVariables)
        .correlate();
  }
}
