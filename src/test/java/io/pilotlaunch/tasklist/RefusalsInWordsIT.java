package io.pilotlaunch.tasklist;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.*;
import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PilotApi;
import io.pilotlaunch.support.PlainWords;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.support.TeamWork;
import io.pilotlaunch.support.WebappSession;
import io.pilotlaunch.teams.Team;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * Every refusal a person can meet, collected from the real answers: the start form through
 * /engine-rest and through the webapps' API that Tasklist calls, every kind of task form the same
 * two ways, and the rules form-js 1.8 would have shown as a regular expression. Each message names
 * the fields by the form's labels and says what is expected in words: no task or definition id, no
 * variable name, no expression, no regular expression, no exception's name. An integrator's code
 * still finds each refused field by its key, in /engine-rest's {@code errors}.
 */
class RefusalsInWordsIT extends PostgresIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUBMIT_START_FORM =
      "/process-definition/key/" + MvpPilotLaunchProcess.PROCESS_ID + "/submit-form";

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  private final List<String> collected = new ArrayList<>();
  private final Map<String, WebappSession> sessions = new HashMap<>();
  private final List<String> failures = new ArrayList<>();

  @Test
  void everyRefusalAPersonCanMeetSaysWhatIsWrongInTheFormsWords() throws IOException {
    TeamWork teams = new TeamWork(http(), users, taskService, "words");
    Set<String> variableNames = variableNames();

    // the start form
    String running = "words-running";
    pilots.start(running);
    String pm = teams.member(Team.PRODUCT_MANAGEMENT);
    WebappSession tasklist = WebappSession.logIn("http://localhost:" + port, pm, passwordOf(pm));
    refuseStart(pm, tasklist, Map.of(), "Tenant id is required.", variableNames);
    refuseStart(
        pm,
        tasklist,
        start("Not A Key!", "12/01/2026", "2026-12-31T24:00"),
        "Tenant id: use lower-case letters and digits",
        variableNames);
    refuseStart(
        pm,
        tasklist,
        start("words-late", "2026-12-20", "2026-12-01"),
        "Last pilot day must not be before the first pilot day, 20 Dec 2026.",
        variableNames);
    refuseStart(
        pm,
        tasklist,
        start("words-nosuchday", "2026-02-30", "2026-12-01"),
        "First pilot day is not a day in the calendar: February 2026 has 28 days.",
        variableNames);
    Map<String, Object> elsewhere = new LinkedHashMap<>(start("words-region", "2099-12-01", null));
    elsewhere.put(Variables.REGION, "us-east-1");
    refuseStart(
        pm, tasklist, elsewhere, "Region must be one of the regions of production", variableNames);
    refuseStart(
        pm,
        tasklist,
        start(running, "2099-12-01", "2099-12-31"),
        "Tenant words-running already has an active pilot",
        variableNames);

    // every kind of task form
    String items = startAt("words-items", TASK_FINALIZE_ONBOARDING_CHECKLIST, Map.of());
    Task item = pilots.awaitTask(items, TASK_FINALIZE_ONBOARDING_CHECKLIST);
    refuseTask(
        teams, item, Map.of(), "Comment is required while Done is not ticked", variableNames);
    refuseTask(teams, item, Map.of("done", true), "Evidence link is required.", variableNames);
    refuseTask(
        teams,
        item,
        Map.of("done", true, "evidenceLink", "javascript:alert(1)"),
        "Evidence link: give a web address that starts with https:// or http://",
        variableNames);
    refuseTask(
        teams,
        item,
        Map.of("done", "yes", "comment", "typed"),
        "Done must be ticked or not.",
        variableNames);

    Task review =
        pilots.awaitTask(
            startAt("words-review", TASK_VALIDATE_SECURITY_ACCESS, Map.of()),
            TASK_VALIDATE_SECURITY_ACCESS);
    refuseTask(teams, review, Map.of(), "Decision is required.", variableNames);
    refuseTask(
        teams,
        review,
        Map.of("decision", "reject"),
        "Why rejected (required on reject) is required.",
        variableNames);
    refuseTask(
        teams,
        review,
        Map.of("decision", "maybe"),
        "Decision must be one of: Approve, Reject.",
        variableNames);

    Task signOff =
        pilots.awaitTask(startAt("words-signoff", TASK_SIGN_OFF_QA, Map.of()), TASK_SIGN_OFF_QA);
    refuseTask(
        teams,
        signOff,
        Map.of("decision", "reject"),
        "What must be redone? (required on reject) is required.",
        variableNames);
    refuseTask(
        teams,
        signOff,
        Map.of("decision", "signOffWithConditions"),
        "Conditions (required when signing off with conditions) is required.",
        variableNames);

    Task summary =
        pilots.awaitTask(
            startAt(
                "words-summary",
                TASK_PRODUCE_PILOT_SUMMARY,
                Map.of(Variables.PILOT_SUMMARY_DRAFT, "# Pilot summary")),
            TASK_PRODUCE_PILOT_SUMMARY);
    refuseTask(
        teams,
        summary,
        Map.of("summary", ""),
        "Tick \u201cThe summary is reviewed and confirmed\u201d.",
        variableNames);

    Task adr =
        pilots.awaitTask(
            startAt(
                "words-adr",
                TASK_OPEN_ENHANCEMENT_ADRS + "#multiInstanceBody",
                Map.of(Variables.PILOT_ADR_CANDIDATES, "Single sign-on")),
            TASK_OPEN_ENHANCEMENT_ADRS);
    refuseTask(
        teams,
        adr,
        Map.of("adrNeeded", true, "adrTitle", "SSO", "adrLink", "adr 12"),
        "ADR link: give a web address that starts with https:// or http://",
        variableNames);

    Task conflict =
        pilots.awaitTask(
            startAt("words-conflict", TASK_RESOLVE_TENANT_ROUTING_CONFLICT, Map.of()),
            TASK_RESOLVE_TENANT_ROUTING_CONFLICT);
    refuseTask(
        teams,
        conflict,
        Map.of("environment", "moon"),
        "Route to environment must be one of: Production, Staging, Demo.",
        variableNames);

    String phase2 = startAt("words-phase2", TASK_MONITOR_PILOT, Map.of());
    pilots.awaitTask(phase2, TASK_MONITOR_PILOT);
    HttpCalls qa = teams.as(Team.QA_TESTING);
    assertThat(
            qa.postJson(
                    "/api/pilots/words-phase2/issues",
                    PilotApi.issueBody("WRD-1", "high", "backend", "checkout"))
                .getStatusCode()
                .value())
        .isEqualTo(201);
    Task triage = pilots.awaitTask(phase2, TASK_TRIAGE_PILOT_ISSUE);
    refuseTask(
        teams,
        triage,
        Map.of("severity", "high", "approveFix", "yes", "component", "backend", "topic", "Bad"),
        "Topic (fix branch fix/m6-p2-pilot-<topic>): use lower-case letters and digits",
        variableNames);
    assertThat(
            qa.postJson(
                    "/api/pilots/words-phase2/feedback",
                    "{\"externalId\": \"FB-1\", \"text\": \"Export to CSV\", \"source\": \"survey\"}")
                .getStatusCode()
                .value())
        .isEqualTo(202);
    Task feedback = pilots.awaitTask(phase2, TASK_CATEGORIZE_PILOT_FEEDBACK);
    refuseTask(teams, feedback, Map.of(), "Category is required.", variableNames);

    Path report = Path.of("target", "e2e", "refusals.txt");
    Files.createDirectories(report.getParent());
    Files.write(report, collected);
    assertThat(failures).as("refusals not in plain words (all of them: " + report + ")").isEmpty();
    assertThat(collected).hasSizeGreaterThanOrEqualTo(40);
  }

  private void refuseStart(
      String pm,
      WebappSession tasklist,
      Map<String, Object> form,
      String expected,
      Set<String> variableNames) {
    String body = TeamWork.body(form);
    check(
        "start " + form,
        http().as(pm, passwordOf(pm)).postJson("/engine-rest" + SUBMIT_START_FORM, body),
        true,
        expected,
        variableNames);
    check(
        "start (Tasklist) " + form,
        tasklist.send("POST", "/camunda/api/engine/engine/default" + SUBMIT_START_FORM, body),
        false,
        expected,
        variableNames);
  }

  /** As Tasklist submits the form (webapps' API), and as an integrator completes (/engine-rest). */
  private void refuseTask(
      TeamWork teams,
      Task task,
      Map<String, Object> input,
      String expected,
      Set<String> variableNames) {
    Team team = teams.teamOf(task);
    String userId = teams.member(team);
    taskService.setAssignee(task.getId(), userId);
    String body = TeamWork.body(input);
    String what = task.getTaskDefinitionKey() + " " + input;
    check(
        what,
        teams.as(team).postJson("/engine-rest/task/" + task.getId() + "/complete", body),
        true,
        expected,
        variableNames,
        task.getId());
    check(
        what + " (Tasklist)",
        sessions
            .computeIfAbsent(
                userId,
                user -> WebappSession.logIn("http://localhost:" + port, user, passwordOf(user)))
            .send(
                "POST",
                "/camunda/api/engine/engine/default/task/" + task.getId() + "/submit-form",
                body),
        false,
        expected,
        variableNames,
        task.getId());
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count())
        .as("refused, the task stays open")
        .isOne();
  }

  private void check(
      String what,
      ResponseEntity<String> answer,
      boolean withFieldKeys,
      String expected,
      Set<String> variableNames,
      String... ids) {
    JsonNode body;
    try {
      body = JSON.readTree(answer.getBody());
    } catch (IOException e) {
      throw new AssertionError(what + ": " + answer.getBody(), e);
    }
    String message = body.path("message").asText(null);
    collected.add(what + " -> " + answer.getStatusCode().value() + " " + message);
    assertThat(answer.getStatusCode().value()).as(what + ": " + answer.getBody()).isEqualTo(400);
    List<String> problems = new ArrayList<>(PlainWords.problems(message, variableNames));
    for (String id : ids) {
      if (message != null && message.contains(id)) {
        problems.add("the task's id");
      }
    }
    if (message == null || !message.contains(expected)) {
      problems.add("does not say: " + expected);
    }
    if (withFieldKeys && !body.path("errors").path(0).path("field").isTextual()) {
      problems.add("no errors[].field for integrators");
    }
    if (!problems.isEmpty()) {
      failures.add(what + ": " + message + " " + problems);
    }
  }

  /** The start form's fields; {@code lastDay} null for a valid one. */
  private static Map<String, Object> start(String tenantId, String firstDay, String lastDay) {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put(Variables.TENANT_ID, tenantId);
    form.put(Variables.TENANT_NAME, "Tenant " + tenantId);
    form.put(Variables.ENVIRONMENT, FORM_ENVIRONMENT);
    form.put(Variables.REGION, FORM_REGION);
    form.put(Variables.PILOT_START, firstDay);
    form.put(Variables.PILOT_END, lastDay == null ? "2099-12-31" : lastDay);
    return form;
  }

  /** A pilot whose window opened yesterday, waiting at that activity (started by the system). */
  private String startAt(String tenantId, String activityId, Map<String, Object> more) {
    Instant opened = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.DAYS);
    Map<String, Object> variables = new HashMap<>(more);
    variables.put(Variables.TENANT_ID, tenantId);
    variables.put(Variables.TENANT_NAME, "Tenant " + tenantId);
    variables.put(Variables.ENVIRONMENT, TEST_ENVIRONMENT);
    variables.put(Variables.REGION, TEST_REGION);
    variables.put(Variables.PILOT_START, opened.toString());
    variables.put(Variables.PILOT_END, opened.plus(30, ChronoUnit.DAYS).toString());
    return runtimeService
        .createProcessInstanceByKey(MvpPilotLaunchProcess.PROCESS_ID)
        .businessKey(tenantId)
        .setVariables(variables)
        .startBeforeActivity(activityId)
        .execute()
        .getId();
  }

  /** The names of the pilot's variables and of every form field. */
  private static Set<String> variableNames() throws IOException {
    Set<String> names = new TreeSet<>();
    for (Field constant : Variables.class.getFields()) {
      if (Modifier.isStatic(constant.getModifiers()) && constant.getType() == String.class) {
        try {
          names.add((String) constant.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.toList()) {
        JSON.readTree(form.toFile())
            .path("components")
            .forEach(
                component -> {
                  if (component.hasNonNull("key")) {
                    names.add(component.get("key").asText());
                  }
                });
      }
    }
    return names;
  }
}
