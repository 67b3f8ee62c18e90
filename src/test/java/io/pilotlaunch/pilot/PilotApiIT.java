package io.pilotlaunch.pilot;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_APPLY_FIX_BACKEND;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_CATEGORIZE_PILOT_FEEDBACK;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_CONFIRM_ONBOARDING_PR_MERGED;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_CONFIRM_ROLLBACK_COMPLETE;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_ESCALATE_PILOT_ISSUE;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_EXECUTE_ONBOARDING_VERIFICATION;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_MONITOR_PILOT;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_RESOLVE_CRITICAL_PILOT_ISSUES;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_REVIEW_AND_TEST_FIX;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_REVIEW_FEEDBACK_MAPPING;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_REVIEW_FIXES_TESTED;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_REVIEW_SUPPORT_SLAS;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_TRIAGE_PILOT_ISSUE;
import static io.pilotlaunch.support.PilotSteps.approve;
import static io.pilotlaunch.support.PilotSteps.done;
import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PilotApi;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.teams.Team;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** The integration API over real HTTP, each call as the team user an integration would use. */
class PilotApiIT extends PostgresIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TaskService taskService;
  @Autowired JdbcTemplate jdbc;

  @Test
  void theProductManagerStartsAPilotAndEveryTeamSeesWhereItStands() throws Exception {
    ResponseEntity<String> started =
        as(Team.PRODUCT_MANAGEMENT).postJson("/api/pilots", PilotApi.startBody("api-start"));

    assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(201);
    assertThat(started.getHeaders().getFirst("Location")).isEqualTo("/api/pilots/api-start");
    JsonNode pilot = JSON.readTree(started.getBody());
    assertThat(pilot.path("status").asText()).isEqualTo("ACTIVE");
    assertThat(pilot.path("milestoneStatus").asText()).isEqualTo("In Progress");
    assertThat(pilot.path("currentPhase").asText()).isEqualTo("Milestone Pre-Checklist");
    assertThat(pilot.path("startedBy").asText()).isEqualTo("api-product-management");
    assertThat(pilot.path("openChecklistItems")).hasSize(5);
    assertThat(pilot.path("openChecklistItems").findValuesAsText("team"))
        .containsOnly(Team.PRODUCT_MANAGEMENT.groupId(), Team.DEVOPS_SRE.groupId());
    // the model's items, and the start's variables as the pilot holds them
    assertThat(pilot.path("openChecklistItems").findValuesAsText("checklistItem"))
        .containsExactlyInAnyOrder(
            "m6.pre.pilot-scope",
            "m6.pre.onboarding-checklist",
            "m6.pre.rollback-incident-paths",
            "m6.pre.support-escalation",
            "m6.pre.roadmap-status");
    assertThat(pilot.path("tenantName").asText()).isEqualTo("Tenant api-start");
    assertThat(pilot.path("environment").asText())
        .isEqualTo(PostgresIntegrationTest.TEST_ENVIRONMENT);
    assertThat(pilot.path("region").asText()).isEqualTo(PostgresIntegrationTest.TEST_REGION);
    assertThat(pilot.path("pilotStart").asText()).isNotBlank();
    assertThat(pilot.path("pilotEnd").asText()).isNotBlank();

    // a pilot started before its run kept these values (V12) shows them from its history
    jdbc.update(
        "update pilot.pilot_run set tenant_name = null, environment = null, region = null,"
            + " pilot_start = null, pilot_end = null where tenant_id = 'api-start'");
    JsonNode older =
        JSON.readTree(as(Team.PRODUCT_MANAGEMENT).get("/api/pilots/api-start").getBody());
    for (String shown : List.of("tenantName", "environment", "region", "pilotStart", "pilotEnd")) {
      assertThat(older.path(shown).asText()).as(shown).isEqualTo(pilot.path(shown).asText());
    }
    assertThat(pilot.path("exitCriteria").findValuesAsText("state")).containsOnly("open");

    JsonNode seenByQa = JSON.readTree(as(Team.QA_TESTING).get("/api/pilots/api-start").getBody());
    assertThat(seenByQa.path("processInstanceId").asText())
        .isEqualTo(pilot.path("processInstanceId").asText());
    assertThat(as(Team.QA_TESTING).get("/api/pilots").getBody())
        .contains("\"tenantId\":\"api-start\"");
  }

  @Test
  void aPilotWindowGivenAsPlainDatesRunsFromTheStartOfTheFirstDayToTheEndOfTheLast()
      throws Exception {
    String body =
        PilotApi.startBody("api-days")
            .replaceAll("\"pilotStart\": \"[^\"]+\"", "\"pilotStart\": \"2026-12-01\"")
            .replaceAll("\"pilotEnd\": \"[^\"]+\"", "\"pilotEnd\": \"2026-12-31\"");

    ResponseEntity<String> started = as(Team.PRODUCT_MANAGEMENT).postJson("/api/pilots", body);

    assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(201);
    JsonNode pilot = JSON.readTree(started.getBody());
    assertThat(pilot.path("pilotStart").asText()).isEqualTo("2026-12-01T00:00:00Z");
    assertThat(pilot.path("pilotEnd").asText()).isEqualTo("2027-01-01T00:00:00Z");
  }

  @Test
  void twoConcurrentStartsForOneTenantStartOnePilot() throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<ResponseEntity<String>>> starts =
        List.of(Team.PRODUCT_MANAGEMENT, Team.DEVOPS_SRE).stream()
            .map(
                team ->
                    CompletableFuture.supplyAsync(
                        () -> {
                          HttpCalls calls = as(team);
                          try {
                            go.await();
                          } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                          }
                          return calls.postJson("/api/pilots", PilotApi.startBody("api-race"));
                        }))
            .toList();
    go.countDown();

    List<Integer> statuses =
        starts.stream()
            .map(CompletableFuture::join)
            .map(answer -> answer.getStatusCode().value())
            .toList();
    assertThat(statuses).containsExactlyInAnyOrder(201, 409);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from pilot.pilot_run where tenant_id = 'api-race'", Integer.class))
        .isOne();
    assertThat(runtimeInstances("api-race")).isOne();
  }

  @Test
  void issuesFeedbackAndTheGitWebhookReachTheRunningPilot() throws Exception {
    String pilot = toPhase2("api-ops");

    ResponseEntity<String> reported =
        as(Team.QA_TESTING)
            .postJson(
                "/api/pilots/api-ops/issues",
                PilotApi.issueBody("TICKET-1", "critical", "backend", "Checkout Timeout!"));
    assertThat(reported.getStatusCode().value()).as(reported.getBody()).isEqualTo(201);
    JsonNode issue = JSON.readTree(reported.getBody());
    assertThat(issue.path("topic").asText()).isEqualTo("checkout-timeout");
    assertThat(issue.path("fixBranch").asText()).isEqualTo("fix/m6-p2-pilot-checkout-timeout");
    assertThat(pilots.awaitTask(pilot, TASK_TRIAGE_PILOT_ISSUE)).isNotNull();

    ResponseEntity<String> again =
        as(Team.QA_TESTING)
            .postJson(
                "/api/pilots/api-ops/issues",
                PilotApi.issueBody("TICKET-1", "critical", "backend", "Checkout Timeout!"));
    assertThat(again.getStatusCode().value()).isEqualTo(200);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from pilot.pilot_issue where tenant_id = 'api-ops'",
                Integer.class))
        .isOne();
    assertThat(
            taskService
                .createTaskQuery()
                .processInstanceId(pilot)
                .taskDefinitionKey(TASK_TRIAGE_PILOT_ISSUE)
                .count())
        .isOne();

    JsonNode status = JSON.readTree(as(Team.DOCS_STANDARDS).get("/api/pilots/api-ops").getBody());
    assertThat(status.path("currentPhase").asText())
        .isEqualTo("Phase 2: Pilot Execution and Support");
    assertThat(status.path("openIssuesBySeverity").path("critical").asInt()).isOne();
    assertThat(status.path("exitCriteria").get(1).path("state").asText()).isEqualTo("met");

    ResponseEntity<String> resolved =
        as(Team.BACKEND_ENGINEERING)
            .postJson(
                "/api/pilots/api-ops/issues/TICKET-1/resolution",
                "{\"resolution\": \"fixed\", \"comment\": \"hotfix 1.2.3\"}");
    assertThat(resolved.getStatusCode().value()).as(resolved.getBody()).isEqualTo(200);
    assertThat(JSON.readTree(resolved.getBody()).path("resolution").asText()).isEqualTo("fixed");
    assertThat(
            JSON.readTree(as(Team.DOCS_STANDARDS).get("/api/pilots/api-ops").getBody())
                .path("openIssuesBySeverity")
                .has("critical"))
        .isFalse();

    ResponseEntity<String> feedback =
        as(Team.DOCS_STANDARDS)
            .postJson(
                "/api/pilots/api-ops/feedback",
                "{\"externalId\": \"SURVEY-9\", \"text\": \"We want bulk import\", \"source\": \"pilot survey\"}");
    assertThat(feedback.getStatusCode().value()).as(feedback.getBody()).isEqualTo(202);
    assertThat(pilots.awaitTask(pilot, TASK_CATEGORIZE_PILOT_FEEDBACK)).isNotNull();
  }

  @Test
  void aCriticalIssueHoldsPhase2UntilItsFixMergedThroughTheWebhookPassesReview() throws Exception {
    String pilot = toPhase2("api-fix");
    assertThat(
            as(Team.QA_TESTING)
                .postJson(
                    "/api/pilots/api-fix/issues",
                    PilotApi.issueBody("TICKET-9", "critical", "frontend", "Payment Retries"))
                .getStatusCode()
                .value())
        .isEqualTo(201);

    // Triage: it is a backend fix after all.
    pilots.complete(
        pilot,
        TASK_TRIAGE_PILOT_ISSUE,
        Map.of(
            "severity",
            "critical",
            "approveFix",
            "yes",
            "component",
            "backend",
            "topic",
            "payment-retries",
            "comment",
            "retry storm in the payment client"));
    JsonNode triaged =
        JSON.readTree(as(Team.QA_TESTING).get("/api/pilots/api-fix/issues/TICKET-9").getBody());
    assertThat(triaged.path("firstResponseAt").isNull()).isFalse();
    assertThat(triaged.path("fixBranch").asText()).isEqualTo("fix/m6-p2-pilot-payment-retries");

    pilots.awaitTask(pilot, TASK_APPLY_FIX_BACKEND);
    String merge =
        PilotApi.mergeBody(
            "fix/m6-p2-pilot-payment-retries", MvpPilotLaunchProcess.INTEGRATION_BRANCH);
    ResponseEntity<String> merged = gitHost(merge, PilotApi.signature(merge));
    assertThat(merged.getStatusCode().value()).as(merged.getBody()).isEqualTo(200);
    pilots.awaitTask(pilot, TASK_REVIEW_AND_TEST_FIX);

    // Every Phase 2 review approves, but the critical issue is open: the exit says no.
    pilots.complete(pilot, TASK_MONITOR_PILOT, done());
    assertThat(
            taskService
                .getVariable(pilots.awaitTask(pilot, TASK_REVIEW_SUPPORT_SLAS).getId(), "details")
                .toString())
        .contains("Issues: 1", "SLA met: 1", "SLA breached: 0", "Median time to first response");
    for (String review :
        List.of(TASK_REVIEW_SUPPORT_SLAS, TASK_REVIEW_FIXES_TESTED, TASK_REVIEW_FEEDBACK_MAPPING)) {
      pilots.complete(pilot, review, approve());
    }
    assertThat(
            taskService
                .getVariable(
                    pilots.awaitTask(pilot, TASK_RESOLVE_CRITICAL_PILOT_ISSUES).getId(), "details")
                .toString())
        .contains("TICKET-9");

    pilots.complete(pilot, TASK_REVIEW_AND_TEST_FIX, approve());
    JsonNode fixed =
        JSON.readTree(as(Team.QA_TESTING).get("/api/pilots/api-fix/issues/TICKET-9").getBody());
    assertThat(fixed.path("resolution").asText()).isEqualTo("fixed");
    assertThat(
            JSON.readTree(as(Team.QA_TESTING).get("/api/pilots/api-fix").getBody())
                .path("openIssuesBySeverity")
                .has("critical"))
        .isFalse();
  }

  @Test
  void theGitWebhookClosesTheOnboardingPrOfEveryPilotWaitingForIt() throws Exception {
    String pilot =
        as(Team.PRODUCT_MANAGEMENT)
            .postJson("/api/pilots", PilotApi.startBody("api-merge"))
            .getHeaders()
            .getLocation()
            .toString()
            .transform(location -> processInstanceOf("api-merge"));
    pilots.passPreChecklist(pilot);
    pilots.awaitTask(pilot, TASK_CONFIRM_ONBOARDING_PR_MERGED);

    String unknown =
        PilotApi.mergeBody("feature/unrelated", MvpPilotLaunchProcess.INTEGRATION_BRANCH);
    ResponseEntity<String> ignored = gitHost(unknown, PilotApi.signature(unknown));
    assertThat(ignored.getStatusCode().value()).isEqualTo(202);
    assertThat(ignored.getBody()).contains("is no pilot branch");

    String merge =
        PilotApi.mergeBody(
            MvpPilotLaunchProcess.PHASE1_BRANCH, MvpPilotLaunchProcess.INTEGRATION_BRANCH);
    assertThat(gitHost(merge, PilotApi.signature(merge + " ")).getStatusCode().value())
        .isEqualTo(401);
    ResponseEntity<String> merged = gitHost(merge, PilotApi.signature(merge));
    assertThat(merged.getStatusCode().value()).as(merged.getBody()).isEqualTo(200);
    assertThat(merged.getBody()).contains(pilot);

    assertThat(pilots.awaitTask(pilot, TASK_EXECUTE_ONBOARDING_VERIFICATION)).isNotNull();
  }

  @Test
  void anIssuePastItsResponseSlaEscalatesToDevOpsAndTheBreachIsRecorded() {
    String pilot = toPhase2("api-sla");

    assertThat(
            as(Team.QA_TESTING)
                .postJson(
                    "/api/pilots/api-sla/issues",
                    PilotApi.issueBody("ALERT-7", "low", "frontend", "slow page"))
                .getStatusCode()
                .value())
        .isEqualTo(201);

    // pilot.sla.low.first-response is PT2S in the tests
    assertThat(pilots.awaitTask(pilot, TASK_ESCALATE_PILOT_ISSUE)).isNotNull();
    await("the breach recorded")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                jdbc.queryForObject(
                    "select sla_breached_at from pilot.pilot_issue where tenant_id = 'api-sla' and external_id = 'ALERT-7'",
                    java.sql.Timestamp.class),
            found -> found != null && !Boolean.FALSE.equals(found));
    assertThat(pilots.awaitTask(pilot, TASK_TRIAGE_PILOT_ISSUE))
        .as("triage stays open")
        .isNotNull();
  }

  @Test
  void theTechnicalOwnerAbortsAPilotAndItEndsAborted() throws Exception {
    as(Team.PRODUCT_MANAGEMENT).postJson("/api/pilots", PilotApi.startBody("api-abort"));
    String pilot = processInstanceOf("api-abort");

    ResponseEntity<String> aborted =
        as(Team.DEVOPS_SRE)
            .postJson("/api/pilots/api-abort/abort", "{\"reason\": \"customer withdrew\"}");
    assertThat(aborted.getStatusCode().value()).as(aborted.getBody()).isEqualTo(202);
    assertThat(JSON.readTree(aborted.getBody()).path("currentPhase").asText())
        .isEqualTo("Aborting");

    pilots.complete(pilot, TASK_CONFIRM_ROLLBACK_COMPLETE, done());
    JsonNode ended = JSON.readTree(as(Team.DEVOPS_SRE).get("/api/pilots/api-abort").getBody());
    assertThat(ended.path("status").asText()).isEqualTo("ABORTED");
    assertThat(ended.path("milestoneStatus").asText()).isEqualTo("Aborted");
    assertThat(ended.path("endedAt").isNull()).isFalse();

    // The tenant may start a new pilot now.
    assertThat(
            as(Team.PRODUCT_MANAGEMENT)
                .postJson("/api/pilots", PilotApi.startBody("api-abort"))
                .getStatusCode()
                .value())
        .isEqualTo(201);
  }

  @Test
  void theApiIsDescribedByOpenApiForAuthenticatedCallers() {
    assertThat(http().get("/v3/api-docs").getStatusCode().value()).isEqualTo(401);
    ResponseEntity<String> docs = as(Team.QA_TESTING).get("/v3/api-docs");
    assertThat(docs.getStatusCode().value()).isEqualTo(200);
    assertThat(docs.getBody())
        .contains("/api/pilots", "/api/pilots/{tenantId}/issues", "/api/webhooks/git");
  }

  /** A pilot of the tenant, started through the API and brought to Phase 2 by its teams. */
  private String toPhase2(String tenantId) {
    ResponseEntity<String> started =
        as(Team.PRODUCT_MANAGEMENT).postJson("/api/pilots", PilotApi.startBody(tenantId));
    assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(201);
    String pilot = processInstanceOf(tenantId);
    pilots.passPreChecklist(pilot);
    pilots.passPhase1(pilot);
    return pilot;
  }

  private String processInstanceOf(String tenantId) {
    return jdbc.queryForObject(
        "select process_instance_id from pilot.pilot_run where active_tenant_id = ?",
        String.class,
        tenantId);
  }

  private long runtimeInstances(String tenantId) {
    return jdbc.queryForObject(
        "select count(*) from act_ru_execution where business_key_ = ? and parent_id_ is null",
        Long.class,
        tenantId);
  }

  private ResponseEntity<String> gitHost(String body, String signature) {
    return http()
        .post(
            "/api/webhooks/git",
            "application/json",
            body,
            "X-Hub-Signature-256",
            signature,
            "X-GitHub-Delivery",
            java.util.UUID.randomUUID().toString());
  }

  private HttpCalls as(Team team) {
    String userId = users.memberOf(team, "api-" + team.groupId());
    return http().as(userId, passwordOf(userId));
  }
}
