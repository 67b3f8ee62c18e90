package io.pilotlaunch.tasklist;

import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Elements;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PilotSteps;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.teams.Team;
import io.pilotlaunch.teams.TeamSetup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/** The task lists as Tasklist loads them: a filter's tasks with the variables it shows. */
class TasklistFiltersIT extends PostgresIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired FilterService filterService;
  @Autowired TaskService taskService;

  @Test
  void everyTeamSeesTheTenantAndEnvironmentOfItsTasks() throws Exception {
    String tenant = "filters-columns";
    String pilot = pilots.start(tenant);
    pilots.passPreChecklist(pilot);
    pilots.complete(pilot, Elements.TASK_CONFIRM_ONBOARDING_PR_MERGED, PilotSteps.done());
    pilots.awaitTask(pilot, Elements.TASK_EXECUTE_ONBOARDING_VERIFICATION);

    JsonNode qaTasks = list(Team.QA_TESTING, Team.QA_TESTING.filterName(), pilot);

    assertThat(values(qaTasks, Variables.TASK_TENANT)).as(qaTasks.toString()).contains(tenant);
    assertThat(values(qaTasks, Variables.TASK_ENVIRONMENT)).contains(TEST_ENVIRONMENT);
  }

  /**
   * The test pilots' windows opened yesterday: their pre-checklist is born due soon (no task is
   * born overdue), and is overdue once its due date has passed.
   */
  @Test
  void aTaskPastItsDueDateIsInOverdueAndNotInDueSoon() throws Exception {
    String pilot = pilots.start("filters-overdue");
    Task task = pilots.awaitTask(pilot, Elements.TASK_DEFINE_PILOT_SCOPE);
    String taskId = task.getId();

    assertThat(list(Team.PRODUCT_MANAGEMENT, TeamSetup.DUE_SOON_FILTER, pilot).toString())
        .as("born due soon")
        .contains(taskId);
    assertThat(list(Team.PRODUCT_MANAGEMENT, TeamSetup.OVERDUE_FILTER, pilot).toString())
        .as("not born overdue")
        .doesNotContain(taskId);

    task.setDueDate(Date.from(Instant.now().minus(Duration.ofHours(1))));
    taskService.saveTask(task);

    assertThat(list(Team.PRODUCT_MANAGEMENT, TeamSetup.OVERDUE_FILTER, pilot).toString())
        .contains(taskId);
    assertThat(list(Team.PRODUCT_MANAGEMENT, TeamSetup.DUE_SOON_FILTER, pilot).toString())
        .doesNotContain(taskId);
    assertThat(list(Team.QA_TESTING, TeamSetup.OVERDUE_FILTER, pilot).toString())
        .as("each sees only the overdue tasks it may read")
        .doesNotContain(taskId);
  }

  @Test
  void theMilestoneOwnerSeesEveryTeamsTasksAndOtherTeamsDoNot() throws Exception {
    String pilot = pilots.start("filters-all");
    pilots.awaitTask(pilot, Elements.TASK_FINALIZE_ONBOARDING_CHECKLIST);

    JsonNode all = list(Team.PRODUCT_MANAGEMENT, TeamSetup.ALL_PILOT_TASKS_FILTER, pilot);
    ResponseEntity<String> byQa = listAs(Team.QA_TESTING, TeamSetup.ALL_PILOT_TASKS_FILTER, pilot);

    assertThat(all.toString())
        .contains(Elements.TASK_FINALIZE_ONBOARDING_CHECKLIST, Elements.TASK_DEFINE_PILOT_SCOPE);
    assertThat(byQa.getStatusCode().value()).as(byQa.getBody()).isIn(403, 404);
  }

  @Test
  void overdueDueSoonAndAllPilotTasksAreSharedFilters() {
    assertThat(filterService.createFilterQuery().list())
        .extracting(Filter::getName)
        .contains(
            TeamSetup.OVERDUE_FILTER, TeamSetup.DUE_SOON_FILTER, TeamSetup.ALL_PILOT_TASKS_FILTER);
  }

  private static List<String> values(JsonNode list, String variable) {
    List<String> values = new ArrayList<>();
    for (JsonNode task : list.path("_embedded").path("task")) {
      for (JsonNode v : task.path("_embedded").path("variable")) {
        if (v.path("name").asText().equals(variable)) {
          values.add(v.path("value").asText());
        }
      }
    }
    return values;
  }

  /** The filter's tasks of one pilot: the filter extended by the pilot, as one page holds them. */
  private JsonNode list(Team team, String filterName, String pilot) throws Exception {
    ResponseEntity<String> list = listAs(team, filterName, pilot);
    assertThat(list.getStatusCode().value()).as(list.getBody()).isEqualTo(200);
    return JSON.readTree(list.getBody());
  }

  private ResponseEntity<String> listAs(Team team, String filterName, String pilot) {
    String userId = users.memberOf(team, "filters-" + team.groupId());
    HttpCalls member = http().as(userId, passwordOf(userId));
    String filterId =
        filterService.createFilterQuery().filterName(filterName).list().get(0).getId();
    return member.post(
        "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=200",
        "application/json",
        "{\"processInstanceId\": \"" + pilot + "\"}",
        "Accept",
        "application/hal+json");
  }
}
