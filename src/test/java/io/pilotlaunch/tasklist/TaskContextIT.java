package io.pilotlaunch.tasklist;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_APPLY_FIX_BACKEND;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_CONFIRM_ONBOARDING_PR_MERGED;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_CONFIRM_ROADMAP_STATUS;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_DEFINE_PILOT_SCOPE;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_DOCUMENT_ROLLBACK_PATHS;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_FINALIZE_ONBOARDING_CHECKLIST;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_MONITOR_PILOT;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_RESOLVE_PRE_CHECKLIST_DRIFT;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_TRIAGE_PILOT_ISSUE;
import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.operations.Severities;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import io.pilotlaunch.support.PilotApi;
import io.pilotlaunch.support.PilotSteps;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.teams.Team;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/** Task names, priorities, due dates and issue details, as the task list shows them. */
class TaskContextIT extends PostgresIntegrationTest {

  @Autowired TaskService taskService;
  @Autowired FormService formService;
  @Autowired RuntimeService runtimeService;

  @Test
  void checklistItemsAreDueWithThePilotWindowAndNamedWithTheirTenant() {
    String pilot = startThroughTheApi("context-window", "2099-12-01", "2099-12-31");
    Instant start = instant(pilot, Variables.PILOT_START);
    Instant end = instant(pilot, Variables.PILOT_END);

    Task scope = pilots.awaitTask(pilot, TASK_DEFINE_PILOT_SCOPE);
    Task onboarding = pilots.awaitTask(pilot, TASK_FINALIZE_ONBOARDING_CHECKLIST);
    pilots.passPreChecklist(pilot);
    pilots.passPhase1(pilot);
    Task monitor = pilots.awaitTask(pilot, TASK_MONITOR_PILOT);

    assertThat(scope.getName())
        .isEqualTo(
            "Pilot scope, success metrics, and support coverage are defined — context-window");
    assertThat(scope.getDueDate()).isEqualTo(Date.from(start));
    assertThat(onboarding.getDueDate()).isEqualTo(Date.from(start));
    assertThat(scope.getPriority()).isEqualTo(Severities.NORMAL_PRIORITY);
    assertThat(scope.getDescription())
        .startsWith("What to do: Write down what this pilot covers")
        .contains("\n\nWhy: ", "\n\nEvidence: a link to the pilot scope document");
    assertThat(monitor.getDueDate()).isEqualTo(Date.from(end));
  }

  /**
   * A pilot whose window opened yesterday: its pre-checklist would be due yesterday, and its
   * onboarding when it is created. Each is due two days (pilot.task-due-grace) after it is born.
   */
  @Test
  void noTaskIsBornOverdue() {
    Instant before = Instant.now();
    String pilot = pilots.start("context-late");
    for (String item : PilotSteps.PRE_CHECKLIST) {
      pilots.awaitTask(pilot, item);
    }
    List<Task> preChecklist = taskService.createTaskQuery().processInstanceId(pilot).list();
    pilots.passPreChecklist(pilot);
    Task pullRequest = pilots.awaitTask(pilot, TASK_CONFIRM_ONBOARDING_PR_MERGED);

    assertThat(preChecklist).hasSize(PilotSteps.PRE_CHECKLIST.size());
    for (Task task : append(preChecklist, pullRequest)) {
      assertThat(task.getDueDate())
          .as(task.getName())
          .isAfter(Date.from(Instant.now()))
          .isAfterOrEqualTo(Date.from(before.plus(Duration.ofDays(2))))
          .isBeforeOrEqualTo(Date.from(Instant.now().plus(Duration.ofDays(2))));
    }
    assertThat(
            taskService
                .createTaskQuery()
                .processInstanceId(pilot)
                .dueBefore(Date.from(Instant.now()))
                .count())
        .isZero();
  }

  /**
   * Each form leads with its item's work, then the pilot in one line, its last day as people read
   * it: a window that closes at midnight after 31 Dec 2099 ends on 31 Dec 2099.
   */
  @Test
  void eachTaskLeadsWithItsOwnWorkAndThePilotInOneLine() {
    String tenant = "context-guide";
    String pilot = startThroughTheApi(tenant, "2099-12-01", "2099-12-31");
    assertThat(runtimeService.getVariable(pilot, Variables.PILOT_END))
        .as("the stored end stays the instant the window closes")
        .isEqualTo("2100-01-01T00:00:00Z");

    Map<String, String> guides = new java.util.HashMap<>();
    for (String item : PilotSteps.PRE_CHECKLIST) {
      Task task = pilots.awaitTask(pilot, item);
      guides.put(
          item,
          formService
              .getTaskFormVariables(task.getId())
              .getValue(Variables.TASK_GUIDE, String.class));
      assertThat(taskService.getVariable(task.getId(), Variables.TASK_GUIDE))
          .as("the guide is a form variable, never stored")
          .isNull();
    }

    assertThat(guides.values()).doesNotHaveDuplicates();
    assertThat(guides.values())
        .allSatisfy(
            guide ->
                assertThat(guide)
                    .startsWith("**What to do:** ")
                    .contains("\n\n**Why:** ", "\n\n**Evidence:** ")
                    .endsWith(
                        "Milestone Pre-Checklist (Alignment + Drift Control) · **context-guide**"
                            + " (Tenant context-guide) · test, local · pilot"
                            + " window 1 Dec 2099 to 31 Dec 2099 · [milestone document](/pilots/"
                            + tenant
                            + ") · [all pilots](/pilots)")
                    .doesNotContain("2100", "T00:00"));
    assertThat(guides.get(TASK_DOCUMENT_ROLLBACK_PATHS))
        .contains("**Evidence:** a link to the runbook that holds the rollback steps");
    String pm = users.memberOf(Team.PRODUCT_MANAGEMENT, "context-pm");
    assertThat(
            http()
                .as(pm, passwordOf(pm))
                .get("/api/pilots/" + tenant + "/summary", "text/markdown")
                .getBody())
        .as("the summary reads the window as days too")
        .contains("- Pilot window: 1 Dec 2099 to 31 Dec 2099\n");
  }

  private static List<Task> append(List<Task> tasks, Task task) {
    List<Task> all = new java.util.ArrayList<>(tasks);
    all.add(task);
    return all;
  }

  @Test
  void theDriftTaskNamesTheItemsNotDoneAndOnlyThoseReopen() {
    String tenant = "context-drift";
    String pilot = pilots.start(tenant);
    for (String item : PilotSteps.PRE_CHECKLIST) {
      pilots.complete(
          pilot,
          item,
          item.equals(TASK_CONFIRM_ROADMAP_STATUS)
              ? PilotSteps.notDone("owners missing for <Q1>")
              : PilotSteps.done());
    }

    Task drift = pilots.awaitTask(pilot, TASK_RESOLVE_PRE_CHECKLIST_DRIFT);

    assertThat(drift.getName())
        .isEqualTo("Resolve pre-checklist drift: 1 item not done — " + tenant);
    assertThat((String) taskService.getVariable(drift.getId(), "details"))
        .contains("- Roadmap status and owners are current: \u201cowners missing for <Q1>\u201d")
        .doesNotContain("Pilot scope");
    pilots.complete(pilot, TASK_RESOLVE_PRE_CHECKLIST_DRIFT, PilotSteps.done());
    pilots.awaitTask(pilot, TASK_CONFIRM_ROADMAP_STATUS);
    assertThat(taskService.createTaskQuery().processInstanceId(pilot).list())
        .extracting(Task::getTaskDefinitionKey)
        .containsExactly(TASK_CONFIRM_ROADMAP_STATUS);
  }

  @Test
  void issueTasksAreNamedRankedAndDueByTheirIssue() {
    String tenant = "context-issues";
    String pilot = pilots.start(tenant);
    pilots.passPreChecklist(pilot);
    pilots.passPhase1(pilot);
    Instant reportedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    report(tenant, PilotApi.issueBody("SUP-103", "critical", "backend", "checkout", reportedAt));
    report(tenant, PilotApi.issueBody("SUP-104", "low", "frontend", "typo", reportedAt));

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
            "Triage SUP-103 (critical) — " + tenant, "Triage SUP-104 (low) — " + tenant);
    assertThat(triage).extracting(Task::getPriority).containsExactly(100, 25);
    assertThat(triage.get(0).getDueDate())
        .as("triage keeps the response SLA of the model: 1 h for critical, to the second")
        .isCloseTo(Date.from(reportedAt.plus(Duration.ofHours(1))), 1500);

    taskService.complete(
        triage.get(0).getId(),
        Map.of(
            "severity", "critical",
            "approveFix", "yes",
            "component", "backend",
            "topic", "checkout",
            "comment", "retry storm <b>in</b> the payment client"));
    Task fix = pilots.awaitTask(pilot, TASK_APPLY_FIX_BACKEND);

    assertThat(fix.getName()).isEqualTo("Fix SUP-103 (critical) in the backend — " + tenant);
    assertThat(fix.getPriority()).isEqualTo(100);
    assertThat(fix.getDueDate())
        .as("the resolution SLA of a critical issue: 24 h from its report")
        .isEqualTo(Date.from(reportedAt.plus(Duration.ofHours(24))));
    assertThat((String) taskService.getVariable(fix.getId(), "details"))
        .contains(
            "SUP-103 · critical · backend",
            "Summary: Checkout fails for SUP-103",
            "Triage comment: retry storm <b>in</b> the payment client",
            "Resolve by: ",
            "Branch: fix/m6-p2-pilot-checkout");
  }

  private void report(String tenant, String issue) {
    String qa = users.memberOf(Team.QA_TESTING, "context-qa");
    ResponseEntity<String> reported =
        http().as(qa, passwordOf(qa)).postJson("/api/pilots/" + tenant + "/issues", issue);
    assertThat(reported.getStatusCode().value()).as(reported.getBody()).isEqualTo(201);
  }

  private Instant instant(String pilot, String variable) {
    return Instant.parse((String) runtimeService.getVariable(pilot, variable));
  }
}
