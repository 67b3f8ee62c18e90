package io.pilotlaunch.engineguards;

import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotlaunch.support.ExpressionProbe;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.support.WebappSession;
import io.pilotlaunch.teams.Team;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * No ad-hoc task query evaluates an expression, whichever entry point or spelling of the path
 * carries it: /engine-rest, the webapps' own API, the Java API. Stored filters keep theirs.
 */
class QueryExpressionGuardIT extends PostgresIntegrationTest {

  private static final String PROCESS = "QueryExpressionCheck";

  @Autowired ExpressionProbe probe;
  @Autowired FilterService filterService;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  private Path marker;
  private String deploymentId;
  private String taskId;

  @BeforeEach
  void aQaTaskIsOpen() throws Exception {
    marker = Files.createTempDirectory("expression-guard").resolve("marker");
    deploymentId =
        repositoryService
            .createDeployment()
            .addModelInstance(
                PROCESS + ".bpmn",
                Bpmn.createExecutableProcess(PROCESS)
                    .camundaHistoryTimeToLive(1)
                    .startEvent()
                    .userTask("Task_Check")
                    .name("Check the guard")
                    .camundaCandidateGroups(Team.QA_TESTING.groupId())
                    .endEvent()
                    .done())
            .deploy()
            .getId();
    String processInstanceId = runtimeService.startProcessInstanceByKey(PROCESS).getId();
    taskId =
        taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult().getId();
  }

  @AfterEach
  void removeTheCheck() {
    repositoryService.deleteDeployment(deploymentId, true);
  }

  /** The attack of the security review: an OS command, here one that creates the marker file. */
  private String osCommand() {
    return "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null)"
        + ".exec('touch "
        + marker
        + "')}";
  }

  @Test
  void noSpellingOfAnEngineRestTaskQueryEvaluatesAnExpression() {
    HttpCalls qa = qa();
    String filterId = teamFilterId(Team.QA_TESTING);
    List<String> queryPaths =
        List.of(
            "/task",
            "/task;x=y",
            "/task/",
            "/task;jsessionid=1/",
            "//task",
            "/%74ask",
            "/./task",
            "/TASK",
            "/task/count",
            "/task/count;x=y",
            "/task//count",
            "/%74ask/%63ount",
            "/filter/" + filterId + "/list",
            "/filter/" + filterId + "/list;x=y",
            "/filter/" + filterId + "/count",
            "/filter/" + filterId + "/singleResult");
    List<String> answers = new ArrayList<>();
    for (String path : queryPaths) {
      for (String body : bodiesWithExpressions()) {
        ResponseEntity<String> response = qa.send("POST", "/engine-rest" + path, body);
        answers.add("POST " + path + " -> " + response.getStatusCode().value());
        assertThat(response.getStatusCode().value())
            .as("POST %s %s: %s", path, body, response.getBody())
            .isLessThan(500);
        if (path.equals("/task") || path.equals("/task;x=y") || path.equals("/task/count")) {
          assertThat(response.getStatusCode().value()).as("POST %s %s", path, body).isEqualTo(400);
          assertThat(response.getBody()).contains("Expressions are not allowed in task queries");
        }
      }
      for (String method : List.of("GET", "HEAD", "OPTIONS")) {
        for (String parameter :
            List.of("assigneeExpression", "candidateGroupExpression", "dueAfterExpression")) {
          ResponseEntity<String> response =
              qa.send(
                  method,
                  "/engine-rest"
                      + path
                      + "?"
                      + parameter
                      + "="
                      + encode(ExpressionProbe.EXPRESSION),
                  null);
          answers.add(method + " " + path + " -> " + response.getStatusCode().value());
          assertThat(response.getStatusCode().value())
              .as("%s %s?%s", method, path, parameter)
              .isLessThan(500);
        }
      }
    }

    assertThat(probe.calls()).as("expressions evaluated; answers: %s", answers).isZero();
    assertThat(marker).doesNotExist();
  }

  @Test
  void noSpellingOfTheWebappsTaskQueryEvaluatesAnExpression() {
    String qaUser = users.memberOf(Team.QA_TESTING, "expression-qa");
    WebappSession tasklist = WebappSession.logIn(baseUrl(), qaUser, passwordOf(qaUser));
    String filterId = teamFilterId(Team.QA_TESTING);
    String engine = "/camunda/api/engine/engine/default";
    List<String> answers = new ArrayList<>();
    for (String path :
        List.of(
            "/task",
            "/task;x=y",
            "/task/",
            "//task",
            "/%74ask",
            "/task/count",
            "/task/count;x=y",
            "/filter/" + filterId + "/list",
            "/filter/" + filterId + "/list;x=y",
            "/filter/" + filterId + "/count")) {
      for (String body : bodiesWithExpressions()) {
        ResponseEntity<String> response = tasklist.send("POST", engine + path, body);
        answers.add("POST " + path + " -> " + response.getStatusCode().value());
        assertThat(response.getStatusCode().value())
            .as("POST %s %s: %s", path, body, response.getBody())
            .isLessThan(500);
      }
      ResponseEntity<String> get =
          tasklist.send(
              "GET",
              engine + path + "?assigneeExpression=" + encode(ExpressionProbe.EXPRESSION),
              null);
      answers.add("GET " + path + " -> " + get.getStatusCode().value());
      assertThat(get.getStatusCode().value()).as("GET %s", path).isLessThan(500);
    }
    ResponseEntity<String> canonical =
        tasklist.send("POST", engine + "/task", bodiesWithExpressions().get(0));

    assertThat(canonical.getStatusCode().value()).isEqualTo(400);
    assertThat(probe.calls()).as("expressions evaluated; answers: %s", answers).isZero();
    assertThat(marker).doesNotExist();
  }

  @Test
  void theJavaApiRefusesExpressionsInOrQueriesToo() {
    assertThatThrownBy(
            () ->
                taskService
                    .createTaskQuery()
                    .or()
                    .taskAssigneeExpression(ExpressionProbe.EXPRESSION)
                    .taskCandidateGroup("x")
                    .endOr()
                    .list())
        .isInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("Expressions are not allowed in task queries");
    assertThatThrownBy(
            () ->
                taskService
                    .createTaskQuery()
                    .taskAssigneeExpression(ExpressionProbe.EXPRESSION)
                    .count())
        .isInstanceOf(BadUserRequestException.class);

    assertThat(probe.calls()).isZero();
  }

  @Test
  void storedFiltersKeepTheirExpressionsAndPlainQueriesWork() {
    String qaUser = users.memberOf(Team.QA_TESTING, "expression-qa");
    HttpCalls qa = http().as(qaUser, passwordOf(qaUser));
    assertThat(
            qa.postJson("/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"" + qaUser + "\"}")
                .getStatusCode()
                .value())
        .isEqualTo(204);
    String myTasks =
        filterService.createFilterQuery().filterName("My tasks").singleResult().getId();

    // "My tasks" is assigneeExpression ${currentUser()}, stored by the setup.
    ResponseEntity<String> mine = qa.get("/engine-rest/filter/" + myTasks + "/list");
    assertThat(mine.getStatusCode().value()).isEqualTo(200);
    assertThat(mine.getBody()).contains(taskId);

    ResponseEntity<String> plainOr =
        qa.postJson(
            "/engine-rest/task",
            "{\"orQueries\":[{\"nameLike\":\"%Check the guard%\",\"assignee\":\"nobody\"}]}");
    assertThat(plainOr.getStatusCode().value()).isEqualTo(200);
    assertThat(plainOr.getBody()).contains(taskId);
  }

  private List<String> bodiesWithExpressions() {
    String probeCall = ExpressionProbe.EXPRESSION;
    return List.of(
        "{\"orQueries\":[{\"assigneeExpression\":\"" + osCommand() + "\"}]}",
        "{\"orQueries\":[{\"assigneeExpression\":\"" + probeCall + "\"}]}",
        "{\"orQueries\":[{\"nameLike\":\"x\"},{\"candidateGroupExpression\":\""
            + probeCall
            + "\"}]}",
        // JSON escapes spell the same expression once parsed
        "{\"orQueries\":[{\"dueAfterExpression\":\"\\u0024{expressionProbe.touch()}\"}]}",
        "{\"assigneeExpression\":\"" + probeCall + "\"}");
  }

  private HttpCalls qa() {
    String qaUser = users.memberOf(Team.QA_TESTING, "expression-qa");
    return http().as(qaUser, passwordOf(qaUser));
  }

  private String teamFilterId(Team team) {
    return filterService.createFilterQuery().filterName(team.filterName()).singleResult().getId();
  }

  private String baseUrl() {
    return "http://localhost:" + port;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
