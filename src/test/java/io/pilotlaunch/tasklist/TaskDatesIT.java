package io.pilotlaunch.tasklist;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_DEFINE_PILOT_SCOPE;
import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.support.WebappSession;
import io.pilotlaunch.teams.Team;
import java.time.Instant;
import java.util.Date;
import java.util.function.Function;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * "Set due date" and "Set follow-up date" as Tasklist does them: read the task, change the date,
 * send the whole task back. The team that works the task may change exactly those two dates.
 */
class TaskDatesIT extends PostgresIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHRISTMAS = "2026-12-24T10:00:00.000+0000";
  private static final String NEW_YEAR = "2027-01-01T09:30:00.000+0000";

  @Autowired TaskService taskService;

  private Task task;
  private String pm;

  @BeforeEach
  void aPreChecklistItemOfProductManagement() {
    if (task == null) {
      task = pilots.awaitTask(pilots.start("dates-" + System.nanoTime()), TASK_DEFINE_PILOT_SCOPE);
      pm = users.memberOf(Team.PRODUCT_MANAGEMENT, "dates-pm");
    }
  }

  @Test
  void theTeamSetsTheDueDateThroughEngineRestAndTheFollowUpDateThroughTasklist() throws Exception {
    HttpCalls rest = http().as(pm, passwordOf(pm));
    ResponseEntity<String> due =
        update(rest::get, rest::putJson, "/engine-rest", task -> task.put("due", CHRISTMAS));

    WebappSession tasklist = WebappSession.logIn("http://localhost:" + port, pm, passwordOf(pm));
    String webapps = "/camunda/api/engine/engine/default";
    ResponseEntity<String> followUp =
        update(
            path -> tasklist.send("GET", path, null),
            (path, body) -> tasklist.send("PUT", path, body),
            webapps,
            task -> task.put("followUp", NEW_YEAR));

    assertThat(due.getStatusCode().value()).as(due.getBody()).isEqualTo(204);
    assertThat(followUp.getStatusCode().value()).as(followUp.getBody()).isEqualTo(204);
    Task stored = taskService.createTaskQuery().taskId(task.getId()).singleResult();
    assertThat(stored.getDueDate()).isEqualTo(Date.from(Instant.parse("2026-12-24T10:00:00Z")));
    assertThat(stored.getFollowUpDate())
        .isEqualTo(Date.from(Instant.parse("2027-01-01T09:30:00Z")));
  }

  @Test
  void nothingElseOfTheTaskCanBeChangedAndNoOtherTeamChangesItsDates() throws Exception {
    Task before = taskService.createTaskQuery().taskId(task.getId()).singleResult();
    HttpCalls rest = http().as(pm, passwordOf(pm));
    String qa = users.memberOf(Team.QA_TESTING, "dates-qa");
    HttpCalls otherTeam = http().as(qa, passwordOf(qa));

    ResponseEntity<String> priority =
        update(
            rest::get,
            rest::putJson,
            "/engine-rest",
            task -> task.put("due", CHRISTMAS).put("priority", 100));
    ResponseEntity<String> assignee =
        update(rest::get, rest::putJson, "/engine-rest", task -> task.put("assignee", "someone"));
    ResponseEntity<String> byQa =
        otherTeam.putJson(
            "/engine-rest/task/" + task.getId(),
            rest.get("/engine-rest/task/" + task.getId())
                .getBody()
                .replaceFirst("\"due\":null", "\"due\":\"" + CHRISTMAS + "\""));

    assertThat(priority.getStatusCode().value()).as(priority.getBody()).isEqualTo(403);
    assertThat(priority.getBody()).contains("only its due date and follow-up date, not priority");
    assertThat(assignee.getStatusCode().value()).as(assignee.getBody()).isEqualTo(403);
    assertThat(byQa.getStatusCode().value()).as(byQa.getBody()).isIn(403, 404);
    Task after = taskService.createTaskQuery().taskId(task.getId()).singleResult();
    assertThat(after.getPriority()).isEqualTo(before.getPriority());
    assertThat(after.getAssignee()).isEqualTo(before.getAssignee());
    assertThat(after.getDueDate()).isEqualTo(before.getDueDate());
  }

  /** GET the task, change it, PUT all of it back: what Tasklist sends. */
  private ResponseEntity<String> update(
      Function<String, ResponseEntity<String>> get,
      java.util.function.BiFunction<String, String, ResponseEntity<String>> put,
      String api,
      java.util.function.UnaryOperator<ObjectNode> change)
      throws Exception {
    String path = api + "/task/" + task.getId();
    ResponseEntity<String> read = get.apply(path);
    assertThat(read.getStatusCode().value()).as(read.getBody()).isEqualTo(200);
    ObjectNode body = (ObjectNode) JSON.readTree(read.getBody());
    assertThat(body.path("camundaFormRef").isObject())
        .as("the task carries the form reference that 7.24 cannot read back")
        .isTrue();
    return put.apply(path, JSON.writeValueAsString(change.apply(body)));
  }
}
