package io.pilotlaunch.pilot;

import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PilotApi;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.support.TeamWork;
import io.pilotlaunch.support.WebappSession;
import io.pilotlaunch.teams.Team;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bad input gets a clear 4xx and changes nothing: the rows of our tables and the engine's
 * instances, tasks and executions are counted before and after every request.
 */
class BadRequestsIT extends PostgresIntegrationTest {

  /** A pilot in Phase 2 (issues and feedback go here) and one still in its pre-checklist. */
  private static final String RUNNING = "bad-running";

  private static final String EARLY = "bad-early";

  private static final String LONG_201 = "x".repeat(201);
  private static final String LONG_501 = "y".repeat(501);

  @Autowired JdbcTemplate jdbc;

  private static boolean pilotsReady;

  enum As {
    PM,
    QA,
    SRE,
    NOBODY,
    GIT_HOST,
    GIT_HOST_BAD_SIGNATURE,
    GIT_HOST_NO_SIGNATURE,
    GIT_HOST_NO_DELIVERY_ID
  }

  record BadRequest(
      String name,
      As caller,
      String path,
      String contentType,
      String body,
      int status,
      String says) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> badRequests() {
    String valid = PilotApi.startBody("bad-new");
    String json = "application/json";
    return Stream.of(
            // POST /api/pilots
            new BadRequest(
                "start: empty object", As.PM, "/api/pilots", json, "{}", 400, "tenantId"),
            new BadRequest(
                "start: tenant id upper case",
                As.PM,
                "/api/pilots",
                json,
                valid.replace("bad-new", "BAD-NEW"),
                400,
                "tenantId"),
            new BadRequest(
                "start: tenant id too long",
                As.PM,
                "/api/pilots",
                json,
                valid.replace("bad-new", "a".repeat(64)),
                400,
                "tenantId"),
            new BadRequest(
                "start: tenant id camunda-admin",
                As.PM,
                "/api/pilots",
                json,
                valid.replace("bad-new", "camunda-admin"),
                400,
                "is reserved"),
            new BadRequest(
                "start: tenant id of a team",
                As.PM,
                "/api/pilots",
                json,
                valid.replace("bad-new", "devops-sre"),
                400,
                "is reserved"),
            new BadRequest(
                "start: SQL in tenant id",
                As.PM,
                "/api/pilots",
                json,
                valid.replace("bad-new", "x'; drop table pilot.pilot_run; --"),
                400,
                "tenantId"),
            new BadRequest(
                "start: JUEL ${} in tenant name",
                As.PM,
                "/api/pilots",
                json,
                valid.replace("Tenant bad-new", "${execution.setVariable('x', 1)}"),
                400,
                "must not contain expressions"),
            new BadRequest(
                "start: JUEL #{} in tenant name",
                As.PM,
                "/api/pilots",
                json,
                valid.replace("Tenant bad-new", "#{1+1}"),
                400,
                "tenantName"),
            new BadRequest(
                "start: tenant name too long",
                As.PM,
                "/api/pilots",
                json,
                valid.replace("Tenant bad-new", LONG_201),
                400,
                "at most 200"),
            new BadRequest(
                "start: unknown environment",
                As.PM,
                "/api/pilots",
                json,
                valid.replace("\"" + TEST_ENVIRONMENT + "\"", "\"moon\""),
                400,
                "environment"),
            new BadRequest(
                "start: unknown region",
                As.PM,
                "/api/pilots",
                json,
                valid.replace("\"" + TEST_REGION + "\"", "\"mars-1\""),
                400,
                "region"),
            new BadRequest(
                "start: end before start",
                As.PM,
                "/api/pilots",
                json,
                "{\"tenantId\":\"bad-new\",\"tenantName\":\"x\",\"environment\":\"test\",\"region\":\"local\","
                    + "\"pilotStart\":\"2027-01-02T00:00:00Z\",\"pilotEnd\":\"2027-01-01T00:00:00Z\"}",
                400,
                "must be after the start of the pilot window"),
            new BadRequest(
                "start: start not a timestamp",
                As.PM,
                "/api/pilots",
                json,
                "{\"tenantId\":\"bad-new\",\"tenantName\":\"x\",\"environment\":\"test\",\"region\":\"local\","
                    + "\"pilotStart\":\"next monday\",\"pilotEnd\":\"2027-01-01T00:00:00Z\"}",
                400,
                "pilotStart"),
            new BadRequest(
                "start: tenant id of the wrong type",
                As.PM,
                "/api/pilots",
                json,
                valid.replace("\"bad-new\"", "42"),
                400,
                "tenantId"),
            new BadRequest(
                "start: malformed JSON",
                As.PM,
                "/api/pilots",
                json,
                "{\"tenantId\": ",
                400,
                "Malformed JSON"),
            new BadRequest(
                "start: unknown field",
                As.PM,
                "/api/pilots",
                json,
                valid.replace("{", "{\"tenant\": \"x\", "),
                400,
                "is not a known field"),
            new BadRequest(
                "start: not JSON",
                As.PM,
                "/api/pilots",
                "text/plain",
                "tenantId=bad-new",
                415,
                "application/json"),
            new BadRequest(
                "start: a team that does not own pilots",
                As.QA,
                "/api/pilots",
                json,
                valid,
                403,
                "may start pilots"),
            new BadRequest(
                "start: no credentials", As.NOBODY, "/api/pilots", json, valid, 401, "HTTP Basic"),
            new BadRequest(
                "start: the tenant has an active pilot",
                As.PM,
                "/api/pilots",
                json,
                PilotApi.startBody(RUNNING),
                409,
                "already has an active pilot"),
            // POST /api/pilots/{tenantId}/issues
            new BadRequest(
                "issue: empty object",
                As.QA,
                "/api/pilots/" + RUNNING + "/issues",
                json,
                "{}",
                400,
                "externalId"),
            new BadRequest(
                "issue: unknown severity",
                As.QA,
                "/api/pilots/" + RUNNING + "/issues",
                json,
                PilotApi.issueBody("BAD-1", "catastrophic", "backend", "x"),
                400,
                "severity"),
            new BadRequest(
                "issue: unknown component",
                As.QA,
                "/api/pilots/" + RUNNING + "/issues",
                json,
                PilotApi.issueBody("BAD-2", "high", "database", "x"),
                400,
                "component"),
            new BadRequest(
                "issue: SQL in external id",
                As.QA,
                "/api/pilots/" + RUNNING + "/issues",
                json,
                PilotApi.issueBody("1' or '1'='1", "high", "backend", "x"),
                400,
                "externalId"),
            new BadRequest(
                "issue: JUEL in summary",
                As.QA,
                "/api/pilots/" + RUNNING + "/issues",
                json,
                PilotApi.issueBody("BAD-3", "high", "backend", "x")
                    .replace("Checkout fails for BAD-3", "${1+1}"),
                400,
                "summary"),
            new BadRequest(
                "issue: summary too long",
                As.QA,
                "/api/pilots/" + RUNNING + "/issues",
                json,
                PilotApi.issueBody("BAD-4", "high", "backend", "x")
                    .replace("Checkout fails for BAD-4", LONG_501),
                400,
                "summary"),
            new BadRequest(
                "issue: reportedAt not a timestamp",
                As.QA,
                "/api/pilots/" + RUNNING + "/issues",
                json,
                "{\"externalId\":\"BAD-5\",\"severity\":\"high\",\"component\":\"backend\",\"topic\":\"x\",\"summary\":\"s\","
                    + "\"reportedAt\":\"yesterday\"}",
                400,
                "reportedAt"),
            new BadRequest(
                "issue: reported in year 1",
                As.QA,
                "/api/pilots/" + RUNNING + "/issues",
                json,
                "{\"externalId\":\"BAD-7\",\"severity\":\"critical\",\"component\":\"backend\",\"topic\":\"x\","
                    + "\"summary\":\"s\",\"reportedAt\":\"0001-01-01T00:00:00Z\"}",
                400,
                "within the pilot window"),
            new BadRequest(
                "issue: reported tomorrow",
                As.QA,
                "/api/pilots/" + RUNNING + "/issues",
                json,
                "{\"externalId\":\"BAD-8\",\"severity\":\"low\",\"component\":\"backend\",\"topic\":\"x\","
                    + "\"summary\":\"s\",\"reportedAt\":\""
                    + java.time.Instant.now().plusSeconds(86400)
                    + "\"}",
                400,
                "must not be in the future"),
            new BadRequest(
                "issue: topic without letters or digits",
                As.QA,
                "/api/pilots/" + RUNNING + "/issues",
                json,
                PilotApi.issueBody("BAD-6", "high", "backend", "!!!"),
                400,
                "topic"),
            new BadRequest(
                "issue: unknown tenant",
                As.QA,
                "/api/pilots/no-such-tenant/issues",
                json,
                PilotApi.issueBody("BAD-7", "high", "backend", "x"),
                404,
                "No pilot for tenant"),
            new BadRequest(
                "issue: pilot not in Phase 2",
                As.QA,
                "/api/pilots/" + EARLY + "/issues",
                json,
                PilotApi.issueBody("BAD-8", "high", "backend", "x"),
                409,
                "only during Phase 2"),
            new BadRequest(
                "issue: malformed JSON",
                As.QA,
                "/api/pilots/" + RUNNING + "/issues",
                json,
                "[1, 2",
                400,
                "Malformed JSON"),
            // resolution, feedback, abort
            new BadRequest(
                "resolution: unknown issue",
                As.QA,
                "/api/pilots/" + RUNNING + "/issues/NOPE/resolution",
                json,
                "{\"resolution\":\"fixed\"}",
                404,
                "has no issue"),
            new BadRequest(
                "feedback: text missing",
                As.QA,
                "/api/pilots/" + RUNNING + "/feedback",
                json,
                "{\"externalId\":\"FB-1\",\"source\":\"survey\"}",
                400,
                "text"),
            new BadRequest(
                "feedback: unknown tenant",
                As.QA,
                "/api/pilots/no-such-tenant/feedback",
                json,
                "{\"externalId\":\"FB-2\",\"text\":\"t\",\"source\":\"survey\"}",
                404,
                "No pilot for tenant"),
            new BadRequest(
                "abort: a team that does not own pilots",
                As.QA,
                "/api/pilots/" + RUNNING + "/abort",
                json,
                "{\"reason\":\"no\"}",
                403,
                "may abort pilots"),
            new BadRequest(
                "abort: reason missing",
                As.SRE,
                "/api/pilots/" + RUNNING + "/abort",
                json,
                "{}",
                400,
                "reason"),
            // POST /api/webhooks/git
            new BadRequest(
                "webhook: wrong signature",
                As.GIT_HOST_BAD_SIGNATURE,
                "/api/webhooks/git",
                json,
                PilotApi.mergeBody(
                    MvpPilotLaunchProcess.PHASE1_BRANCH, MvpPilotLaunchProcess.INTEGRATION_BRANCH),
                401,
                "does not match"),
            new BadRequest(
                "webhook: no signature",
                As.GIT_HOST_NO_SIGNATURE,
                "/api/webhooks/git",
                json,
                PilotApi.mergeBody(
                    MvpPilotLaunchProcess.PHASE1_BRANCH, MvpPilotLaunchProcess.INTEGRATION_BRANCH),
                401,
                "X-Hub-Signature-256"),
            new BadRequest(
                "webhook: malformed JSON, signed",
                As.GIT_HOST,
                "/api/webhooks/git",
                json,
                "{\"merged\": tru",
                400,
                "not the JSON"),
            new BadRequest(
                "webhook: branch nobody waits for",
                As.GIT_HOST,
                "/api/webhooks/git",
                json,
                PilotApi.mergeBody(
                    "fix/m6-p2-pilot-nobody-waits", MvpPilotLaunchProcess.INTEGRATION_BRANCH),
                409,
                "No pilot is waiting"),
            new BadRequest(
                "webhook: empty body, signed",
                As.GIT_HOST,
                "/api/webhooks/git",
                json,
                "",
                400,
                "The body is empty"),
            new BadRequest(
                "webhook: JSON null, signed",
                As.GIT_HOST,
                "/api/webhooks/git",
                json,
                "null",
                400,
                "not the JSON"),
            new BadRequest(
                "webhook: no delivery id",
                As.GIT_HOST_NO_DELIVERY_ID,
                "/api/webhooks/git",
                json,
                PilotApi.mergeBody(
                    MvpPilotLaunchProcess.PHASE1_BRANCH, MvpPilotLaunchProcess.INTEGRATION_BRANCH),
                400,
                "X-GitHub-Delivery"),
            new BadRequest(
                "webhook: merged two hours ago",
                As.GIT_HOST,
                "/api/webhooks/git",
                json,
                PilotApi.mergeBody(
                    MvpPilotLaunchProcess.PHASE1_BRANCH,
                    MvpPilotLaunchProcess.INTEGRATION_BRANCH,
                    java.time.Instant.now().minusSeconds(7200)),
                400,
                "too old"),
            new BadRequest(
                "webhook: merged tomorrow",
                As.GIT_HOST,
                "/api/webhooks/git",
                json,
                PilotApi.mergeBody(
                    MvpPilotLaunchProcess.PHASE1_BRANCH,
                    MvpPilotLaunchProcess.INTEGRATION_BRANCH,
                    java.time.Instant.now().plusSeconds(86400)),
                400,
                "in the future"),
            new BadRequest(
                "webhook: no pull request number",
                As.GIT_HOST,
                "/api/webhooks/git",
                json,
                PilotApi.mergeBody(
                        MvpPilotLaunchProcess.PHASE1_BRANCH,
                        MvpPilotLaunchProcess.INTEGRATION_BRANCH)
                    .replaceFirst("\"number\": \\d+, ", ""),
                400,
                "number"))
        .map(Arguments::of);
  }

  @BeforeEach
  void pilotsInTheirPlaces() {
    if (pilotsReady) {
      return;
    }
    String running = pilots.start(RUNNING);
    pilots.passPreChecklist(running);
    pilots.passPhase1(running);
    pilots.start(EARLY);
    pilotsReady = true;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void isAnsweredWithAClear4xxAndChangesNothing(BadRequest request) {
    String before = state();

    ResponseEntity<String> response = send(request);

    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(request.status());
    assertThat(response.getHeaders().getFirst("Content-Type"))
        .satisfies(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.getBody()).contains(request.says());
    assertThat(state()).isEqualTo(before);
  }

  /**
   * A start over /engine-rest without the variables the model needs (the tenant above all): a 400
   * that names what is missing, and nothing started. For team members and for the admin, whose
   * starts the form rules do not judge.
   */
  @ParameterizedTest(name = "{0}, variables {1}")
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "team member | {}                                  | Tenant id is required. Tenant name is required.",
        "team member | {\"tenantName\":{\"value\":\"No id\"}} | Tenant id is required. Environment is required.",
        "admin       | {}                                  | Tenant id is required. Tenant name is required.",
        "admin       | {\"tenantName\":{\"value\":\"No id\"}} | Tenant id is required. Environment is required."
      })
  void aStartOverEngineRestWithoutItsVariablesIsABadRequestThatNamesThem(
      String caller, String variables, String says) {
    String userId =
        users.memberOf(Team.PRODUCT_MANAGEMENT, "bad-" + Team.PRODUCT_MANAGEMENT.groupId());
    HttpCalls starter =
        caller.equals("admin")
            ? http().as(ADMIN_USER, ADMIN_PASSWORD)
            : http().as(userId, passwordOf(userId));
    String before = state();

    ResponseEntity<String> answer =
        starter.postJson(
            "/engine-rest/process-definition/key/" + MvpPilotLaunchProcess.PROCESS_ID + "/start",
            "{\"variables\":" + variables + "}");

    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(400);
    assertThat(answer.getBody()).contains(says, "\"field\":\"tenantId\"");
    assertThat(state()).isEqualTo(before);
  }

  /**
   * The Tasklist start form is judged by the API's rules, through /engine-rest and through the
   * webapps' own API that Tasklist calls: a 400 that names each problem, and nothing started.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("tasklistStarts")
  void aStartFromTasklistIsRefusedByTheApisRulesAndStartsNothing(
      String name, Map<String, Object> form, String says) {
    String userId =
        users.memberOf(Team.PRODUCT_MANAGEMENT, "bad-" + Team.PRODUCT_MANAGEMENT.groupId());
    String submitForm =
        "/process-definition/key/" + MvpPilotLaunchProcess.PROCESS_ID + "/submit-form";
    String before = state();

    ResponseEntity<String> restAnswer =
        http()
            .as(userId, passwordOf(userId))
            .postJson("/engine-rest" + submitForm, TeamWork.body(form));
    ResponseEntity<String> tasklistAnswer =
        WebappSession.logIn("http://localhost:" + port, userId, passwordOf(userId))
            .send("POST", "/camunda/api/engine/engine/default" + submitForm, TeamWork.body(form));

    for (ResponseEntity<String> answer : List.of(restAnswer, tasklistAnswer)) {
      assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(400);
      assertThat(answer.getBody())
          .contains(says)
          .doesNotContain(
              "Cannot instantiate process definition", MvpPilotLaunchProcess.PROCESS_ID + ":");
    }
    assertThat(state()).isEqualTo(before);
  }

  static Stream<Arguments> tasklistStarts() {
    return Stream.of(
        Arguments.of(
            "a region the environment does not have",
            tasklistStart(
                "bad-form-region", FORM_ENVIRONMENT, "us-east-1", "2026-12-01", "2026-12-20"),
            "Region must be one of the regions of "
                + FORM_ENVIRONMENT
                + " on this server: "
                + FORM_REGION),
        Arguments.of(
            "an environment that is not configured",
            tasklistStart("bad-form-env", "staging", FORM_REGION, "2026-12-01", "2026-12-20"),
            "Environment must be one of the environments this server routes to"),
        Arguments.of(
            "the last day before the first",
            tasklistStart(
                "bad-form-days", FORM_ENVIRONMENT, FORM_REGION, "2026-12-20", "2026-12-01"),
            "Last pilot day must not be before the first pilot day, 20 Dec 2026."),
        Arguments.of(
            "a day the calendar does not have",
            tasklistStart(
                "bad-form-day", FORM_ENVIRONMENT, FORM_REGION, "2026-02-30", "2026-12-01"),
            "First pilot day is not a day in the calendar: February 2026 has 28 days."),
        Arguments.of(
            "a tenant that already has an active pilot",
            tasklistStart(RUNNING, FORM_ENVIRONMENT, FORM_REGION, "2026-12-01", "2026-12-20"),
            "already has an active pilot"));
  }

  private static Map<String, Object> tasklistStart(
      String tenantId, String environment, String region, String firstDay, String lastDay) {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put(Variables.TENANT_ID, tenantId);
    form.put(Variables.TENANT_NAME, "Tenant " + tenantId);
    form.put(Variables.ENVIRONMENT, environment);
    form.put(Variables.REGION, region);
    form.put(Variables.PILOT_START, firstDay);
    form.put(Variables.PILOT_END, lastDay);
    return form;
  }

  private ResponseEntity<String> send(BadRequest request) {
    return switch (request.caller()) {
      case PM ->
          member(Team.PRODUCT_MANAGEMENT)
              .post(request.path(), request.contentType(), request.body());
      case QA ->
          member(Team.QA_TESTING).post(request.path(), request.contentType(), request.body());
      case SRE ->
          member(Team.DEVOPS_SRE).post(request.path(), request.contentType(), request.body());
      case NOBODY -> http().post(request.path(), request.contentType(), request.body());
      case GIT_HOST ->
          http()
              .post(
                  request.path(),
                  request.contentType(),
                  request.body(),
                  PilotApi.gitHostHeaders(request.body()));
      case GIT_HOST_BAD_SIGNATURE ->
          http()
              .post(
                  request.path(),
                  request.contentType(),
                  request.body(),
                  PilotApi.gitHostHeaders(request.body() + "tampered"));
      case GIT_HOST_NO_SIGNATURE ->
          http()
              .post(
                  request.path(),
                  request.contentType(),
                  request.body(),
                  "X-GitHub-Delivery",
                  "no-signature");
      case GIT_HOST_NO_DELIVERY_ID ->
          http()
              .post(
                  request.path(),
                  request.contentType(),
                  request.body(),
                  "X-Hub-Signature-256",
                  PilotApi.signature(request.body()));
    };
  }

  private HttpCalls member(Team team) {
    String userId = users.memberOf(team, "bad-" + team.groupId());
    return http().as(userId, passwordOf(userId));
  }

  /** Row counts of our tables and of the engine's runtime and history. */
  private String state() {
    StringBuilder counts = new StringBuilder();
    for (String table :
        List.of(
            "pilot.pilot_run",
            "pilot.pilot_issue",
            "pilot.pilot_feedback",
            "pilot.tenant_route",
            "act_ru_execution",
            "act_ru_task",
            "act_ru_variable",
            "act_ru_event_subscr",
            "act_hi_procinst",
            "act_id_tenant",
            "act_ru_job")) {
      counts
          .append(table)
          .append('=')
          .append(jdbc.queryForObject("select count(*) from " + table, Long.class))
          .append(' ');
    }
    counts
        .append("active=")
        .append(
            jdbc.queryForList(
                "select tenant_id || ':' || status from pilot.pilot_run order by id",
                String.class));
    return counts.toString();
  }
}
