package io.pilotlaunch.signoff;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.*;
import static io.pilotlaunch.support.PilotSteps.approve;
import static io.pilotlaunch.support.PilotSteps.done;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlaunch.pilot.PilotRuns;
import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.process.PostMvpEnhancementsProcess;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PilotApi;
import io.pilotlaunch.support.PilotSteps;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.support.SqlRecorder;
import io.pilotlaunch.support.TeamWork;
import io.pilotlaunch.teams.Team;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * Whole pilots driven only through /api and /engine-rest, every task claimed and completed by a
 * member of its own team, never by an admin.
 */
class FullPilotIT extends PostgresIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired FormService formService;
  @Autowired IdentityService identityService;
  @Autowired SqlRecorder sql;
  @Autowired PilotSummaries summaries;
  @Autowired PilotRuns runs;

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
                .getStatusCode()
                .value())
        .isEqualTo(201);
    assertThat(
            qa.postJson(
                    "/api/pilots/full-pilot/issues",
                    issue("HIGH-1", "high", "frontend", "Slow dashboard", Instant.now()))
                .getStatusCode()
                .value())
        .isEqualTo(201);
    assertThat(
            qa.postJson(
                    "/api/pilots/full-pilot/issues",
                    issue("MED-1", "medium", "backend", "Typo in email", Instant.now()))
                .getStatusCode()
                .value())
        .isEqualTo(201);
    work.complete(pilot, TASK_ESCALATE_PILOT_ISSUE, done());
    for (Task triage :
        await("three triage tasks")
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> three(work.open(pilot, TASK_TRIAGE_PILOT_ISSUE)),
                found -> found != null && !Boolean.FALSE.equals(found))) {
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
                .getStatusCode()
                .value())
        .isEqualTo(200);
    Task fixReview = pilots.awaitTask(pilot, TASK_REVIEW_AND_TEST_FIX);
    assertThat(underReview(work.as(Team.QA_TESTING), fixReview))
        .as("QA sees the fix it reviews inside its form")
        .startsWith("#### The fix under review")
        .contains("- Pull request merged on ");
    work.complete(fixReview, approve());

    assertThat(
            work.as(Team.DOCS_STANDARDS)
                .postJson(
                    "/api/pilots/full-pilot/feedback",
                    "{\"externalId\": \"SURVEY-1\", \"text\": \"Bulk import and SSO, please\", \"source\": \"pilot survey\"}")
                .getStatusCode()
                .value())
        .isEqualTo(202);
    Task categorize = pilots.awaitTask(pilot, TASK_CATEGORIZE_PILOT_FEEDBACK);
    HttpCalls docs = work.as(Team.DOCS_STANDARDS);
    assertThat(
            docs.postJson(
                    "/engine-rest/task/" + categorize.getId() + "/claim",
                    "{\"userId\": \"" + work.member(Team.DOCS_STANDARDS) + "\"}")
                .getStatusCode()
                .value())
        .isEqualTo(204);
    ResponseEntity<String> withoutCandidate =
        docs.postJson(
            "/engine-rest/task/" + categorize.getId() + "/complete",
            TeamWork.body(Map.of("category", "enhancement", "enhancementCandidates", " ")));
    assertThat(withoutCandidate.getStatusCode().value())
        .as("an enhancement candidate names at least one candidate: " + withoutCandidate.getBody())
        .isEqualTo(400);
    assertThat(withoutCandidate.getBody()).contains("Enhancement candidates");
    work.complete(
        categorize,
        Map.of(
            "category",
            "enhancement",
            "enhancementCandidates",
            "Bulk import\nSingle sign-on\n- bulk import"));
    work.complete(pilot, TASK_MONITOR_PILOT, done());
    Task feedbackReview = pilots.awaitTask(pilot, TASK_REVIEW_FEEDBACK_MAPPING);
    assertThat(underReview(work.as(Team.DOCS_STANDARDS), feedbackReview))
        .as("a Phase 2 review sees the phase's items, issues and feedback")
        .contains(
            "- \u2611 Monitor pilot usage, incidents, and support tickets.",
            "CRIT-1 (critical, backend) Payment retries",
            "response SLA breached",
            "Resolved as ",
            "SURVEY-1 from pilot survey",
            "Categorized as enhancement by " + work.member(Team.DOCS_STANDARDS),
            "enhancement candidates: Bulk import; Single sign-on");
    PilotSteps.PHASE2_REVIEWS.forEach(review -> work.complete(pilot, review, approve()));

    // Phase 3: the summary says what the test did.
    Task summaryTask = pilots.awaitTask(pilot, TASK_PRODUCE_PILOT_SUMMARY);
    JsonNode summary =
        JSON.readTree(work.as(Team.ARCHITECTURE).get("/api/pilots/full-pilot/summary").getBody());
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
        .contains(
            "Issues reported: 3 (1 critical, 2 low)",
            "SLA breaches: 1",
            "- CRIT-1 (critical) Payment retries: ",
            "  - CRIT-1 (critical) Payment retries: response due ",
            "## Feedback",
            "- SURVEY-1 from pilot survey: Bulk import and SSO, please",
            "  - Categorized as enhancement by "
                + work.member(Team.DOCS_STANDARDS)
                + "; enhancement candidates: Bulk import; Single sign-on")
        .containsPattern("- Phase 1: Pilot Tenant Onboarding: \\d+ (s|min)")
        .doesNotContain("Onboarding took")
        .as("durations and times as people read them")
        .doesNotContainPattern("PT\\d|\\d{4}-\\d\\d-\\d\\dT");

    work.complete(
        summaryTask,
        Map.of(
            "summary",
            draft + "\nConfirmed by product management.",
            "adrCandidates",
            "Bulk import\nCSV export of the audit log",
            "confirmed",
            true,
            "comment",
            "reviewed"));
    work.complete(pilot, TASK_CONFIRM_MVP_ACCEPTANCE_CRITERIA, done());
    for (Task adr :
        await("two ADR tasks")
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> two(work.open(pilot, TASK_OPEN_ENHANCEMENT_ADRS)),
                found -> found != null && !Boolean.FALSE.equals(found))) {
      work.complete(
          adr,
          Map.of(
              "adrNeeded",
              true,
              "adrTitle",
              "ADR 0016: " + taskService.getVariable(adr.getId(), "enhancementCandidate"),
              "adrLink",
              "https://git.example.test/adr/0016"));
    }
    Task securitySignOff = pilots.awaitTask(pilot, TASK_SIGN_OFF_SECURITY);
    assertThat(underReview(work.as(Team.SECURITY_COMPLIANCE), securitySignOff))
        .as("a sign-off sees the confirmed summary, its headings below the form's")
        .startsWith("#### Pilot summary\n\nConfirmed by " + work.member(Team.PRODUCT_MANAGEMENT))
        .contains("##### Pilot summary: ", "###### Results", "Confirmed by product management.")
        .contains("- \u2611 Open post-MVP enhancement ADR tasks where needed.")
        .contains("Critical issues open now: 0");
    for (List<String> step : List.of(PilotSteps.SIGN_OFFS, PilotSteps.PHASE3_REVIEWS)) {
      step.forEach(task -> work.complete(pilot, task, PilotSteps.straight(task)));
    }
    Task exitCriteria = pilots.awaitTask(pilot, TASK_CONFIRM_PHASE_EXIT_CRITERIA);
    String reviewer = work.member(Team.PRODUCT_MANAGEMENT);
    identityService.setAuthentication(reviewer, List.of(Team.PRODUCT_MANAGEMENT.groupId()));
    List<SqlRecorder.Statement> reading;
    try {
      reading = sql.of(() -> formService.getTaskFormVariables(exitCriteria.getId()));
    } finally {
      identityService.clearAuthentication();
    }
    assertThat(reading)
        .as(
            "opening the milestone review's form, every box of the document included, costs a"
                + " fixed number of statements, not one per item: %s",
            reading.stream().map(SqlRecorder.Statement::sql).toList())
        .hasSizeLessThanOrEqualTo(20);
    PilotSteps.MILESTONE_REVIEW.forEach(
        task -> work.complete(pilot, task, PilotSteps.straight(task)));

    pilots.awaitEnded(pilot);
    JsonNode ended =
        JSON.readTree(work.as(Team.QA_TESTING).get("/api/pilots/full-pilot").getBody());
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
    // Milestone 7 starts with its own pre-checklist; then every candidate reaches its planning,
    // each once: the ones product management kept (one the feedback never named) and the
    // feedback's, "- bulk import" being "Bulk import" again.
    work.complete(
        milestone7.getId(),
        PostMvpEnhancementsProcess.Elements.TASK_CONFIRM_HANDED_OVER_CANDIDATES,
        done());
    work.complete(
        milestone7.getId(),
        PostMvpEnhancementsProcess.Elements.TASK_CONFIRM_ROADMAP_STATUS,
        done());
    List<Task> planning =
        work.open(
            milestone7.getId(),
            PostMvpEnhancementsProcess.Elements.TASK_PLAN_ENHANCEMENT_CANDIDATE);
    assertThat(planning)
        .extracting(task -> taskService.getVariable(task.getId(), "enhancementCandidate"))
        .containsExactlyInAnyOrder("Bulk import", "CSV export of the audit log", "Single sign-on");
    assertThat(
            runtimeService.getVariable(
                milestone7.getId(),
                PostMvpEnhancementsProcess.Variables.ENHANCEMENT_CANDIDATE_COUNT))
        .isEqualTo(3);
    Task csvExport =
        planning.stream()
            .filter(
                task ->
                    "CSV export of the audit log"
                        .equals(taskService.getVariable(task.getId(), "enhancementCandidate")))
            .findFirst()
            .orElseThrow();
    work.complete(
        csvExport,
        Map.of(
            "adrNeeded",
            true,
            "adrTitle",
            "ADR 0017: Audit log export",
            "adrLink",
            "https://git.example.test/adr/0017"));
    ResponseEntity<String> page = work.as(Team.QA_TESTING).get("/pilots/full-pilot", "text/html");
    assertThat(page.getStatusCode().value()).as(page.getBody()).isEqualTo(200);
    assertThat(page.getBody())
        .contains(
            "Hand-off to Milestone 7: running, 3 candidates",
            "CSV export of the audit log <span class=\"muted\">(planned, ADR ADR 0017: Audit log export)",
            "Bulk import <span class=\"muted\">(open)",
            "Single sign-on <span class=\"muted\">(open)",
            "Candidate: CSV export of the audit log — planned by " + work.member(Team.ARCHITECTURE),
            "href=\"https://git.example.test/adr/0017\"");
    assertThat(work.as(Team.QA_TESTING).get("/pilots", "text/html").getBody())
        .contains("running, 3 candidates");

    JsonNode confirmed =
        JSON.readTree(work.as(Team.QA_TESTING).get("/api/pilots/full-pilot/summary").getBody());
    assertThat(confirmed.path("draft").asBoolean()).isFalse();
    assertThat(confirmed.path("confirmedBy").asText())
        .isEqualTo(work.member(Team.PRODUCT_MANAGEMENT));
    assertThat(markdown(work.as(Team.QA_TESTING), "/api/pilots/full-pilot/summary"))
        .endsWith("Confirmed by product management.");

    String export = markdown(work.as(Team.QA_TESTING), "/api/pilots/full-pilot/milestone.md");
    assertThat(export)
        .doesNotContain("- [ ] ")
        .contains(
            "Proceed to [Milestone 7: Post-MVP Enhancements Hook](./m7-post-mvp-enhancements.md).\n"
                + "  - Handed off on ",
            "Milestone 7 (process instance "
                + milestone7.getId()
                + ") running, "
                + "3 enhancement candidates, 1 planned",
            "  - Candidate: Bulk import — waiting for architecture",
            "- Status: Completed",
            "- [x] Security and access validation complete.\n  - Approved by "
                + work.member(Team.SECURITY_COMPLIANCE),
            "- [x] Apply approved fixes in small PR increments.\n  - Pull request merged on ",
            "- [x] Open post-MVP enhancement ADR tasks where needed.\n  - Completed by "
                + work.member(Team.ARCHITECTURE),
            "ADR: ADR 0016: Bulk import",
            "- [x] MVP pilot is formally accepted.\n  - Met on ");

    // Milestone 7 exports its own document, ticked from its own model
    String m7Running =
        markdown(work.as(Team.QA_TESTING), "/api/pilots/full-pilot/milestone.md?milestone=m7");
    assertThat(m7Running)
        .startsWith("# Milestone 7: Post-MVP Enhancements Hook")
        .contains(
            "- Status: In Progress",
            "- [x] Enhancement candidates handed over by the pilot are confirmed.\n  - ",
            "- [x] Roadmap status and owners are current.\n  - ",
            "- [ ] Plan each enhancement candidate: open its ADR or record that none is needed.");
    for (Task rest :
        work.open(
            milestone7.getId(),
            PostMvpEnhancementsProcess.Elements.TASK_PLAN_ENHANCEMENT_CANDIDATE)) {
      work.complete(rest, Map.of("adrNeeded", false, "comment", "fits the current design"));
    }
    for (String review :
        List.of(
            PostMvpEnhancementsProcess.Elements.TASK_REVIEW_ENHANCEMENT_PLANS,
            PostMvpEnhancementsProcess.Elements.TASK_REVIEW_ADR_INDEX,
            PostMvpEnhancementsProcess.Elements.TASK_CONFIRM_PHASE_EXIT_CRITERIA,
            PostMvpEnhancementsProcess.Elements.TASK_CONFIRM_ARTIFACTS_MATCH_ROADMAP)) {
      work.complete(milestone7.getId(), review, PilotSteps.approve());
    }
    pilots.awaitEnded(milestone7.getId());
    assertThat(
            markdown(work.as(Team.QA_TESTING), "/api/pilots/full-pilot/milestone.md?milestone=m7"))
        .doesNotContain("- [ ] ")
        .contains(
            "- Status: Completed",
            "- [x] Every candidate is planned: ADR opened or decided not needed.");
  }

  @Test
  void aRejectedSignOffSendsThePilotBackAndTheExportShowsTheRejection() throws Exception {
    TeamWork work = new TeamWork(http(), users, taskService, "reject");
    String pilot = startAndPassPhase1(work, "reject-pilot");
    passAQuietPhase2AndSummary(work, pilot);
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
    assertThat(summaries.compile(runs.findByProcessInstance(pilot).orElseThrow()))
        .as("the summary names the rejected sign-off with its reason, read from its task's answers")
        .satisfies(
            summary ->
                assertThat(summary.risks().rejectedReviews())
                    .singleElement()
                    .satisfies(
                        rejected -> {
                          assertThat(rejected.task()).contains("QA");
                          assertThat(rejected.reason())
                              .isEqualTo("Acceptance criterion 4 has no test evidence");
                        }));
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
            "Rejected by " + work.member(Team.QA_TESTING),
            "reason: Acceptance criterion 4 has no test evidence")
        .contains(
            "Signed off with conditions by " + work.member(Team.DEVOPS_SRE),
            "conditions: Runbook by Friday")
        .contains("- [ ] MVP pilot is formally accepted.\n");
  }

  /**
   * No issue and no feedback: the boxes whose work comes per issue or per feedback item are ticked
   * with the reason, so a completed pilot shows no open box. A Tasklist comment stands under its
   * item.
   */
  @Test
  void aQuietPilotEndsWithEveryBoxTickedAndSaysWhyNothingWasToDo() throws Exception {
    TeamWork work = new TeamWork(http(), users, taskService, "quiet");
    String pilot = startAndPassPhase1(work, "quiet-pilot");
    Task monitor = pilots.awaitTask(pilot, TASK_MONITOR_PILOT);
    Team monitoring = work.teamOf(monitor);
    ResponseEntity<String> commented =
        work.as(monitoring)
            .postJson(
                "/engine-rest/task/" + monitor.getId() + "/comment/create",
                "{\"message\": \"Dashboards <green> all week\"}");
    assertThat(commented.getStatusCode().value()).as(commented.getBody()).isEqualTo(200);
    passAQuietPhase2AndSummary(work, pilot);
    passSignOffsAndMilestoneReview(work, pilot);
    pilots.awaitEnded(pilot);

    String export = markdown(work.as(Team.QA_TESTING), "/api/pilots/quiet-pilot/milestone.md");

    assertThat(export).doesNotContain("- [ ] ");
    assertThat(export.lines().filter(line -> line.startsWith("- [x] ")).count()).isEqualTo(31);
    assertThat(export)
        .contains(
            "- [x] Apply approved fixes in small PR increments.\n"
                + "  - Nothing to do: no fixes needed, 0 issues reported",
            "- [x] Track pilot feedback and categorize enhancement candidates.\n"
                + "  - Nothing to do: no pilot feedback received",
            "  - Comment by " + work.member(monitoring) + " on ",
            ": Dashboards \\<green\\> all week");
  }

  private String startAndPassPhase1(TeamWork work, String tenantId) throws Exception {
    ResponseEntity<String> started =
        work.as(Team.PRODUCT_MANAGEMENT).postJson("/api/pilots", PilotApi.startBody(tenantId));
    assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(201);
    String pilot = JSON.readTree(started.getBody()).path("processInstanceId").asText();
    for (String item : PilotSteps.PRE_CHECKLIST) {
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
                .getStatusCode()
                .value())
        .isEqualTo(200);
    work.complete(pilot, TASK_EXECUTE_ONBOARDING_VERIFICATION, done());
    PilotSteps.PHASE1_REVIEWS.forEach(review -> work.complete(pilot, review, approve()));
    pilots.awaitTask(pilot, TASK_MONITOR_PILOT);
    return pilot;
  }

  /** Phase 2 with nothing reported, then a one-line summary with no ADR candidates. */
  private void passAQuietPhase2AndSummary(TeamWork work, String pilot) {
    work.complete(pilot, TASK_MONITOR_PILOT, done());
    PilotSteps.PHASE2_REVIEWS.forEach(review -> work.complete(pilot, review, approve()));
    work.complete(
        pilot,
        TASK_PRODUCE_PILOT_SUMMARY,
        Map.of("summary", "Quiet pilot.", "adrCandidates", "", "confirmed", true));
    work.complete(pilot, TASK_CONFIRM_MVP_ACCEPTANCE_CRITERIA, done());
  }

  private void passSignOffsAndMilestoneReview(TeamWork work, String pilot) {
    for (List<String> step :
        List.of(PilotSteps.SIGN_OFFS, PilotSteps.PHASE3_REVIEWS, PilotSteps.MILESTONE_REVIEW)) {
      step.forEach(task -> work.complete(pilot, task, PilotSteps.straight(task)));
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

  private static List<Task> two(List<Task> tasks) {
    return tasks.size() == 2 ? tasks : null;
  }

  /**
   * What the task's form shows under "What you review": the form variables Tasklist reads, as a
   * member of the task's team.
   */
  private static String underReview(HttpCalls member, Task task) throws Exception {
    ResponseEntity<String> variables =
        member.get("/engine-rest/task/" + task.getId() + "/form-variables");
    assertThat(variables.getStatusCode().value()).as(variables.getBody()).isEqualTo(200);
    return JSON.readTree(variables.getBody()).path("underReview").path("value").asText();
  }

  private static String markdown(HttpCalls calls, String path) {
    ResponseEntity<String> response = calls.get(path, "text/markdown");
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    return response.getBody();
  }
}
