package io.pilotlaunch.support;

import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlaunch.teams.Team;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.ResponseEntity;

/**
 * Works tasks as Tasklist does, through /engine-rest: a member of the task's own candidate group
 * claims it and completes it with the form's variables. Never as admin.
 */
public final class TeamWork {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpCalls http;
  private final TestUsers users;
  private final TaskService taskService;
  private final String userPrefix;

  public TeamWork(HttpCalls http, TestUsers users, TaskService taskService, String userPrefix) {
    this.http = http;
    this.users = users;
    this.taskService = taskService;
    this.userPrefix = userPrefix;
  }

  /** The member of a team that works its tasks in this test. */
  public String member(Team team) {
    return users.memberOf(team, userPrefix + "-" + team.groupId());
  }

  public HttpCalls as(Team team) {
    String userId = member(team);
    return http.as(userId, passwordOf(userId));
  }

  public void complete(Task task, Map<String, Object> variables) {
    Team team = teamOf(task);
    HttpCalls calls = as(team);
    // as Tasklist: Claim is offered on an unassigned task; the member's own they just complete
    if (!member(team).equals(assigneeOf(task))) {
      ResponseEntity<String> claimed =
          calls.postJson(
              "/engine-rest/task/" + task.getId() + "/claim",
              "{\"userId\": \"" + member(team) + "\"}");
      assertThat(claimed.getStatusCode().value())
          .as("claim " + task.getTaskDefinitionKey() + ": " + claimed.getBody())
          .isEqualTo(204);
    }
    ResponseEntity<String> completed =
        calls.postJson("/engine-rest/task/" + task.getId() + "/complete", body(variables));
    assertThat(completed.getStatusCode().value())
        .as("complete " + task.getTaskDefinitionKey() + ": " + completed.getBody())
        .isEqualTo(204);
  }

  public void complete(String processInstanceId, String taskKey, Map<String, Object> variables) {
    complete(PilotDriver.awaitTask(taskService, processInstanceId, taskKey), variables);
  }

  /** Every open task of that key (a multi-instance, or several issue tracks). */
  public List<Task> open(String processInstanceId, String taskKey) {
    return taskService
        .createTaskQuery()
        .processInstanceId(processInstanceId)
        .taskDefinitionKey(taskKey)
        .list();
  }

  private String assigneeOf(Task task) {
    Task now = taskService.createTaskQuery().taskId(task.getId()).singleResult();
    return now == null ? null : now.getAssignee();
  }

  public Team teamOf(Task task) {
    return taskService.getIdentityLinksForTask(task.getId()).stream()
        .map(IdentityLink::getGroupId)
        .filter(group -> group != null)
        .map(Team::byGroupId)
        .flatMap(java.util.Optional::stream)
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("Task " + task.getTaskDefinitionKey() + " has no team"));
  }

  /** The body of /engine-rest's complete and submit-form: each variable as a typed value. */
  public static String body(Map<String, Object> variables) {
    Map<String, Object> typed = new LinkedHashMap<>();
    variables.forEach((name, value) -> typed.put(name, Map.of("value", value)));
    try {
      return JSON.writeValueAsString(Map.of("variables", typed));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
