package io.pilotlaunch.operations;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_MONITOR_PILOT;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_TRIAGE_PILOT_ISSUE;
import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PilotApi;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.support.TeamWork;
import io.pilotlaunch.teams.Team;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * A severity added in configuration only ("blocker", above critical, in the test context's {@code
 * pilot.severities}) is taken everywhere: the issue API accepts it, its SLA sets the triage's due
 * date, its place sets the task's priority and the order of open issues, the triage form offers it
 * and the task input guard accepts it, and the exit criterion counts it as critical.
 */
class SeveritiesIT extends PostgresIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TaskService taskService;
  @Autowired PilotIssues issues;

  @Test
  void aSeverityAddedInConfigurationIsTakenEverywhere() throws Exception {
    String tenant = "severity-blocker";
    String pilot = pilots.start(tenant);
    pilots.passPreChecklist(pilot);
    pilots.passPhase1(pilot);
    pilots.awaitTask(pilot, TASK_MONITOR_PILOT);
    Instant reportedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);

    report(tenant, PilotApi.issueBody("SEV-1", "critical", "backend", "checkout", reportedAt), 201);
    report(tenant, PilotApi.issueBody("SEV-2", "blocker", "backend", "payments", reportedAt), 201);
    assertThat(report(tenant, PilotApi.issueBody("SEV-3", "urgent", "backend", "x"), 400))
        .contains("severity", "must be one of [blocker, critical, high, medium, low]");

    List<Task> triage =
        taskService
            .createTaskQuery()
            .processInstanceId(pilot)
            .taskDefinitionKey(TASK_TRIAGE_PILOT_ISSUE)
            .list()
            .stream()
            .sorted(Comparator.comparing(Task::getPriority).reversed())
            .toList();
    assertThat(triage)
        .extracting(Task::getName)
        .containsExactly(
            "Triage SEV-2 (blocker) — " + tenant, "Triage SEV-1 (critical) — " + tenant);
    assertThat(triage)
        .extracting(Task::getPriority)
        .as("25 per place from the end of pilot.severities")
        .containsExactly(125, 100);
    assertThat(triage.get(0).getDueDate())
        .as("the blocker's own response SLA: 30 min from its report")
        .isCloseTo(Date.from(reportedAt.plus(Duration.ofMinutes(30))), 1500);
    assertThat(issues.openCriticalCount(tenant))
        .as("the exit criterion counts a severity above critical as critical")
        .isEqualTo(2);

    String anyone = users.memberOf(Team.QA_TESTING, "severity-reader");
    String page = http().as(anyone, passwordOf(anyone)).get("/pilots/" + tenant).getBody();
    assertThat(page.indexOf("SEV-2 (blocker)"))
        .as("open issues, most severe first")
        .isPositive()
        .isLessThan(page.indexOf("SEV-1 (critical)"));

    TeamWork teams = new TeamWork(http(), users, taskService, "severity");
    HttpCalls productManagement = teams.as(Team.PRODUCT_MANAGEMENT);
    Task critical = triage.get(1);
    JsonNode options =
        formVariable(productManagement, critical.getId(), Variables.SEVERITY_OPTIONS);
    assertThat(options.path("valueInfo").path("serializationDataFormat").asText())
        .as("how Tasklist knows a variable holds options")
        .isEqualTo("application/json");
    assertThat(JSON.readTree(options.path("value").asText()))
        .as("as form-js reads a valuesKey")
        .containsExactly(
            option("Blocker", "blocker"),
            option("Critical", "critical"),
            option("High", "high"),
            option("Medium", "medium"),
            option("Low", "low"));

    taskService.setAssignee(critical.getId(), teams.member(Team.PRODUCT_MANAGEMENT));
    ResponseEntity<String> urgent =
        productManagement.postJson(
            "/engine-rest/task/" + critical.getId() + "/complete",
            TeamWork.body(Map.of("severity", "urgent", "approveFix", "no")));
    assertThat(urgent.getStatusCode().value()).as(urgent.getBody()).isEqualTo(400);
    assertThat(urgent.getBody())
        .contains("Severity must be one of: Blocker, Critical, High, Medium, Low.");

    teams.complete(critical, Map.of("severity", "blocker", "approveFix", "no"));
    assertThat(issues.find(tenant, "SEV-1").orElseThrow().severity())
        .as("the triage corrected it to the added severity")
        .isEqualTo("blocker");
  }

  private String report(String tenant, String issue, int status) {
    String qa = users.memberOf(Team.QA_TESTING, "severity-qa");
    ResponseEntity<String> reported =
        http().as(qa, passwordOf(qa)).postJson("/api/pilots/" + tenant + "/issues", issue);
    assertThat(reported.getStatusCode().value()).as(reported.getBody()).isEqualTo(status);
    return reported.getBody();
  }

  /** A form variable as Tasklist reads it, or null when the form has none of that name. */
  private static JsonNode formVariable(HttpCalls caller, String taskId, String name)
      throws Exception {
    ResponseEntity<String> read =
        caller.get("/engine-rest/task/" + taskId + "/form-variables?deserializeValues=false");
    assertThat(read.getStatusCode().value()).as(read.getBody()).isEqualTo(200);
    JsonNode variable = JSON.readTree(read.getBody()).get(name);
    return variable == null || variable.isNull() ? null : variable;
  }

  private static JsonNode option(String label, String value) {
    return JSON.valueToTree(Map.of("label", label, "value", value));
  }
}
