package io.pilotlaunch.signoff;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.*;
import static io.pilotlaunch.support.PilotDriver.approve;
import static io.pilotlaunch.support.PilotDriver.done;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.process.PostMvpEnhancementsProcess;
import io.pilotlaunch.support.Eventually;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PilotApi;
import io.pilotlaunch.support.PilotDriver;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.support.TeamWork;
import io.pilotlaunch.teams.Team;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Whole pilots driven only through /api and /engine-rest, every task claimed and completed by a
 * member of its own team, never by an admin.
 */
class FullPilotIT extends PostgresIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;

  @Test
  void aPilotRunByItsTeamsEndsCompletedWithASummaryOfWhatHappenedAndEveryBoxTicked()
      throws Exception {
    TeamWork work = new TeamWork(http(), users, taskService, "full");
    String pilot = startAndPassPhase1(work, "full-pilot");

    // Phase 2: three issues, the critical one reported two hours ago and so already past its
    // response SLA.
    HttpCalls qa = work.as(Team.QA_TESTING);
    assertThat(
            qa.postJson(
                    "/api/pilots/full-pilot/issues",
                    issue(
                        "CRIT-1",
                        "critical",
                        "backend",
                        "Payment retries",
                        Instant.now().minus(2, ChronoUnit.HOURS)))
                .statusCode())
        .isEqualTo(201);
    assertThat(
            qa.postJson(
                    "/api/pilots/full-pilot/issues",
                    issue("HIGH-1", "high", "frontend", "Slow dashboard", Instant.now()))
                .statusCode())
        .isEqualTo(201);
    assertThat(
            qa.postJson(
                    "/api/pilots/full-pilot/issues",
                    issue("MED-1", "medium", "backend", "Typo in email", Instant.now()))
                .statusCode())
        .isEqualTo(201);
    work.complete(pilot, TASK_ESCALATE_PILOT_ISSUE, done());
    for (Task triage :
        Eventually.await(
            "three triage tasks", () -> three(work.open(pilot, TASK_TRIAGE_PILOT_ISSUE)))) {
      boolean critical = "CRIT-1".equals(taskService.getVariable(triage.getId(), "issueId"));
      work.complete(
          triage,
          critical
              ? Map.of(
                  "severity",
                  "critical",
                  "approveFix",
                  "yes",
                  "component",
                  "backend",
                  "topic",
                  "payment-retries",
                  "comment",
                  "retry storm")
              : Map.of("severity", "low", "approveFix", "no", "comment", "no fix in the pilot"));
    }
    pilots.awaitTask(pilot, TASK_APPLY_FIX_BACKEND);
    String merge =
        PilotApi.mergeBody(
            "fix/m6-p2-pilot-payment-retries", MvpPilotLaunchProcess.INTEGRATION_BRANCH);
    assertThat(
            http()
                .post(
                    "/api/webhooks/git", "application/json", merge, PilotApi.gitHostHeaders(merge))
                .statusCode())
        .isEqualTo(200);
    work.complete(pilot, TASK_REVIEW_AND_TEST_FIX, approve());

    assertThat(
            work.as(Team.DOCS_STANDARDS)
                .postJson(
                    "/api/pilots/full-pilot/feedback",
                    "{\"externalId\": \"SURVEY-1\", \"text\": \"Bulk import and SSO, please\", \"source\": \"pilot survey\"}")
                .statusCode())
        .isEqualTo(202);
    work.complete(
        pilot,
        TASK_CATEGORIZE_PILOT_FEEDBACK,
        Map.of("category", "enhancement", "enhancementCandidates", "Bulk import\nSingle sign-on"));
    work.complete(pilot, TASK_MONITOR_PILOT, done());
    for (String review :
        List.of(TASK_REVIEW_SUPPORT_SLAS, TASK_REVIEW_FIXES_TESTED, TASK_REVIEW_FEEDBACK_MAPPING)) {
      work.complete(pilot, review, approve());
    }

    // Phase 3: the summary says what the test did.
    Task summaryTask = pilots.awaitTask(pilot, TASK_PRODUCE_PILOT_SUMMARY);
    JsonNode summary =
        JSON.readTree(work.as(Team.ARCHITECTURE).get("/api/pilots/full-pilot/summary").body());
    JsonNode defects = summary.path("summary").path("defects");
    assertThat(defects.path("reported").asInt()).isEqualTo(3);
    assertThat(defects.path("bySeverity").path("critical").asInt()).isOne();
    assertThat(defects.path("bySeverity").path("low").asInt())
        .as("HIGH-1 and MED-1 triaged to low")
        .isEqualTo(2);
    assertThat(defects.path("resolved").asInt()).isEqualTo(3);
    assertThat(defects.path("fixLeadTimes").findValuesAsText("externalId"))
        .containsExactlyInAnyOrder("CRIT-1", "HIGH-1", "MED-1");
    JsonNode breaches = summary.path("summary").path("risks").path("slaBreaches");
    assertThat(breaches).hasSize(1);
    assertThat(breaches.get(0).path("externalId").asText()).isEqualTo("CRIT-1");
    assertThat(summary.path("summary").path("recommendations").toString())
        .contains("Bulk import", "Single sign-on");
    String draft = taskService.getVariable(summaryTask.getId(), "summary").toString();
    assertThat(draft)
        .contains("Issues reported: 3 (1 critical, 2 low)", "SLA breaches: 1", "CRIT-1 (critical)");

    work.complete(
        summaryTask,
        Map.of(
            "summary",
            draft + "\nConfirmed by product management.",
            "adrCandidates",
            "Bulk import",
            "confirmed",
            true,
            "comment",
            "reviewed"));
    work.complete(pilot, TASK_CONFIRM_MVP_ACCEPTANCE_CRITERIA, done());
    for (Task adr :
        Eventually.await("one ADR task", () -> one(work.open(pilot, TASK_OPEN_ENHANCEMENT_ADRS)))) {
      work.complete(
          adr,
          Map.of(
              "adrNeeded",
              true,
              "adrTitle",
              "ADR 0016: Bulk import",
              "adrLink",
              "https://git.example.test/adr/0016"));
    }
    passSignOffsAndMilestoneReview(work, pilot);

    Eventually.await(
        "the pilot ended",
        () -> runtimeService.createProcessInstanceQuery().processInstanceId(pilot).count() == 0);
    JsonNode ended = JSON.readTree(work.as(Team.QA_TESTING).get("/api/pilots/full-pilot").body());
    assertThat(ended.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(ended.path("milestoneStatus").asText()).isEqualTo("Completed");
    ProcessInstance milestone7 =
        runtimeService
            .createProcessInstanceQuery()
            .processDefinitionKey(PostMvpEnhancementsProcess.PROCESS_ID)
            .processInstanceBusinessKey("full-pilot")
            .singleResult();
    assertThat(milestone7.getTenantId()).isEqualTo("full-pilot");
    assertThat(historyService.createHistoricIncidentQuery().processInstanceId(pilot).count())
        .as("incidents")
        .isZero();
    assertThat(
            runtimeService
                .getVariable(
                    milestone7.getId(), PostMvpEnhancementsProcess.Variables.ENHANCEMENT_CANDIDATES)
                .toString())
        .contains("Bulk import", "Single sign-on");

    JsonNode confirmed =
        JSON.readTree(work.as(Team.QA_TESTING).get("/api/pilots/full-pilot/summary").body());
    assertThat(confirmed.path("draft").asBoolean()).isFalse();
    assertThat(confirmed.path("confirmedBy").asText())
        .isEqualTo(work.member(Team.PRODUCT_MANAGEMENT));
    assertThat(markdown(work.as(Team.QA_TESTING), "/api/pilots/full-pilot/summary"))
        .endsWith("Confirmed by product management.");

    String export = markdown(work.as(Team.QA_TESTING), "/api/pilots/full-pilot/milestone.md");
    assertThat(export)
        .doesNotContain("- [ ] ")
        .contains(
            "- Status: Completed",
            "- [x] Security and access validation complete.\n  - approve by "
                + work.member(Team.SECURITY_COMPLIANCE),
            "- [x] Apply approved fixes in small PR increments.\n  - pull request merged at ",
            "- [x] Open post-MVP enhancement ADR tasks where needed.\n  - completed by "
                + work.member(Team.ARCHITECTURE),
            "ADR: ADR 0016: Bulk import",
            "- [x] MVP pilot is formally accepted.\n  - met at ");
  }

  @Test
  void aRejectedSignOffSendsThePilotBackAndTheExportShowsTheRejection() throws Exception {
    TeamWork work = new TeamWork(http(), users, taskService, "reject");
    String pilot = startAndPassPhase1(work, "reject-pilot");
    work.complete(pilot, TASK_MONITOR_PILOT, done());
    for (String review :
        List.of(TASK_REVIEW_SUPPORT_SLAS, TASK_REVIEW_FIXES_TESTED, TASK_REVIEW_FEEDBACK_MAPPING)) {
      work.complete(pilot, review, approve());
    }
    work.complete(
        pilot,
        TASK_PRODUCE_PILOT_SUMMARY,
        Map.of("summary", "Quiet pilot.", "adrCandidates", "", "confirmed", true));
    work.complete(pilot, TASK_CONFIRM_MVP_ACCEPTANCE_CRITERIA, done());
    work.complete(pilot, TASK_SIGN_OFF_PRODUCT, Map.of("decision", "signOff"));
    work.complete(
        pilot,
        TASK_SIGN_OFF_QA,
        Map.of(
            "decision",
            "reject",
            "redo",
            "acceptance",
            "rejectionReason",
            "Acceptance criterion 4 has no test evidence"));
    work.complete(pilot, TASK_SIGN_OFF_SECURITY, Map.of("decision", "signOff"));
    work.complete(
        pilot,
        TASK_SIGN_OFF_OPS,
        Map.of("decision", "signOffWithConditions", "conditions", "Runbook by Friday"));
    work.complete(pilot, TASK_ACCEPT_REMAINING_RISKS, approve());
    work.complete(pilot, TASK_REVIEW_SUMMARY_ALIGNMENT, approve());

    work.complete(pilot, TASK_RESOLVE_SIGN_OFF_FINDINGS, done());
    Task again = pilots.awaitTask(pilot, TASK_CONFIRM_MVP_ACCEPTANCE_CRITERIA);
    assertThat(again).as("back at the step the rejection named").isNotNull();

    String export = markdown(work.as(Team.QA_TESTING), "/api/pilots/reject-pilot/milestone.md");
    assertThat(export)
        .contains("- [ ] Product, QA, Security, and Ops sign-off complete.\n")
        .contains(
            "reject by " + work.member(Team.QA_TESTING),
            "reason: Acceptance criterion 4 has no test evidence")
        .contains(
            "signOffWithConditions by " + work.member(Team.DEVOPS_SRE),
            "conditions: Runbook by Friday")
        .contains("- [ ] MVP pilot is formally accepted.\n");
  }

  private String startAndPassPhase1(TeamWork work, String tenantId) throws Exception {
    HttpResponse<String> started =
        work.as(Team.PRODUCT_MANAGEMENT).postJson("/api/pilots", PilotApi.startBody(tenantId));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
    String pilot = JSON.readTree(started.body()).path("processInstanceId").asText();
    for (String item : PilotDriver.PRE_CHECKLIST) {
      work.complete(pilot, item, done());
    }
    pilots.awaitTask(pilot, TASK_CONFIRM_ONBOARDING_PR_MERGED);
    String merge =
        PilotApi.mergeBody(
            MvpPilotLaunchProcess.PHASE1_BRANCH, MvpPilotLaunchProcess.INTEGRATION_BRANCH);
    assertThat(
            http()
                .post(
                    "/api/webhooks/git", "application/json", merge, PilotApi.gitHostHeaders(merge))
                .statusCode())
        .isEqualTo(200);
    work.complete(pilot, TASK_EXECUTE_ONBOARDING_VERIFICATION, done());
    for (String review :
        List.of(
            TASK_VALIDATE_ONBOARDING_CHECKLIST,
            TASK_VALIDATE_SECURITY_ACCESS,
            TASK_REVIEW_ONBOARDING_DOCS)) {
      work.complete(pilot, review, approve());
    }
    pilots.awaitTask(pilot, TASK_MONITOR_PILOT);
    return pilot;
  }

  private void passSignOffsAndMilestoneReview(TeamWork work, String pilot) {
    for (String signOff :
        List.of(
            TASK_SIGN_OFF_PRODUCT, TASK_SIGN_OFF_QA, TASK_SIGN_OFF_SECURITY, TASK_SIGN_OFF_OPS)) {
      work.complete(pilot, signOff, Map.of("decision", "signOff", "comment", "ok"));
    }
    work.complete(pilot, TASK_ACCEPT_REMAINING_RISKS, approve());
    work.complete(pilot, TASK_REVIEW_SUMMARY_ALIGNMENT, approve());
    for (String review :
        List.of(
            TASK_CONFIRM_PHASE_EXIT_CRITERIA,
            TASK_CONFIRM_ARTIFACTS_MATCH_ROADMAP,
            TASK_CONFIRM_STANDARDS_CONSISTENCY)) {
      work.complete(pilot, review, approve());
    }
  }

  private static String issue(
      String id, String severity, String component, String topic, Instant reportedAt) {
    return """
        {"externalId": "%s", "severity": "%s", "component": "%s", "topic": "%s", "summary": "%s",
         "reportedAt": "%s"}"""
        .formatted(
            id, severity, component, topic, topic, reportedAt.truncatedTo(ChronoUnit.SECONDS));
  }

  private static List<Task> three(List<Task> tasks) {
    return tasks.size() == 3 ? tasks : null;
  }

  private static List<Task> one(List<Task> tasks) {
    return tasks.size() == 1 ? tasks : null;
  }

  private static String markdown(HttpCalls calls, String path) {
    HttpResponse<String> response = calls.get(path, "text/markdown");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }
}
