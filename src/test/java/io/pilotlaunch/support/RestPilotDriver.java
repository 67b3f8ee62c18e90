package io.pilotlaunch.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;

/**
 * Drives pilots of an app in another JVM through its HTTP APIs alone, as its admin: what {@link
 * PilotDriver} does in the test's own engine.
 */
public final class RestPilotDriver implements PilotSteps.Driver {

  private static final Pattern FIRST_ID = Pattern.compile("^\\[\\{\"id\":\"([^\"]+)\"");
  private static final Pattern PROCESS_INSTANCE =
      Pattern.compile("\"processInstanceId\":\"([^\"]+)\"");

  private final HttpCalls admin;

  public RestPilotDriver(HttpCalls admin) {
    this.admin = admin;
  }

  /** Starts a pilot through /api and returns its process instance id. */
  public String start(String tenantId) {
    ResponseEntity<String> started = admin.postJson("/api/pilots", PilotApi.startBody(tenantId));
    expect(started, 201, "start " + tenantId);
    Matcher instance = PROCESS_INSTANCE.matcher(started.getBody());
    if (!instance.find()) {
      throw new AssertionError("No process instance in " + started.getBody());
    }
    return instance.group(1);
  }

  /** Completes the task of that key once it is there; returns its id. */
  @Override
  public String complete(String processInstanceId, String taskKey, Map<String, Object> variables) {
    String taskId = awaitTask(processInstanceId, taskKey);
    expect(
        admin.postJson("/engine-rest/task/" + taskId + "/complete", TeamWork.body(variables)),
        204,
        "complete " + taskKey);
    return taskId;
  }

  /** The id of the open task of that key, waiting up to two minutes for it. */
  @Override
  public String awaitTask(String processInstanceId, String taskKey) {
    return await(taskKey)
        .atMost(Duration.ofMinutes(2))
        .pollDelay(Duration.ZERO) // a task that is open already is taken at once, not 250 ms later
        .pollInterval(Duration.ofMillis(250))
        .until(() -> openTask(processInstanceId, taskKey), id -> id != null);
  }

  /** The id of the open task of that key, or null. */
  public String openTask(String processInstanceId, String taskKey) {
    String tasks =
        admin
            .get(
                "/engine-rest/task?processInstanceId="
                    + processInstanceId
                    + "&taskDefinitionKey="
                    + taskKey)
            .getBody();
    Matcher first = FIRST_ID.matcher(tasks == null ? "" : tasks);
    return first.find() ? first.group(1) : null;
  }

  private static void expect(ResponseEntity<String> answer, int status, String what) {
    if (answer.getStatusCode().value() != status) {
      throw new AssertionError(
          what
              + ": expected "
              + status
              + ", got "
              + answer.getStatusCode()
              + " "
              + answer.getBody());
    }
  }
}
