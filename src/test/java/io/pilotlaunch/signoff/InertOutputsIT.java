package io.pilotlaunch.signoff;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_CONFIRM_MVP_ACCEPTANCE_CRITERIA;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_CONFIRM_ONBOARDING_PR_MERGED;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_DEFINE_PILOT_SCOPE;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_EXECUTE_ONBOARDING_VERIFICATION;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_MONITOR_PILOT;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_PRODUCE_PILOT_SUMMARY;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_REVIEW_ONBOARDING_DOCS;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_SIGN_OFF_SECURITY;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_VALIDATE_ONBOARDING_CHECKLIST;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_VALIDATE_SECURITY_ACCESS;
import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.pilot.PilotRuns;
import io.pilotlaunch.pilot.PilotRuns.PilotRun;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PilotSteps;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.teams.Team;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * What people typed comes back inert in the ticked milestone document and the summary: no HTML, no
 * script links, no sections or boxes of its own. The values are stored through the Java API, past
 * the form checks, as an admin or an older version could have stored them.
 */
class InertOutputsIT extends PostgresIntegrationTest {

  private static final String HOSTILE =
      "<img src=x onerror=alert(1)>\n## Fake section\n- [x] forged box [x](javascript:alert(2))";

  /** An HTML tag or autolink; a backslash before "<" makes it text. */
  private static final String UNESCAPED_TAG = "(?<!\\\\)<(img|script|javascript:)";

  @Autowired PilotRuns runs;
  @Autowired PilotSummaries summaries;

  @Test
  void theMilestoneDocumentAndTheSummaryShowTypedValuesAsText() {
    String pilot = pilots.start("inert-outputs");
    pilots.complete(
        pilot,
        TASK_DEFINE_PILOT_SCOPE,
        Map.of(
            "done", true, "evidenceLink", "javascript:alert(document.cookie)", "comment", HOSTILE));
    for (String item : PilotSteps.PRE_CHECKLIST.subList(1, PilotSteps.PRE_CHECKLIST.size())) {
      pilots.complete(pilot, item, PilotSteps.done());
    }
    pilots.complete(pilot, TASK_CONFIRM_ONBOARDING_PR_MERGED, PilotSteps.done());
    pilots.complete(pilot, TASK_EXECUTE_ONBOARDING_VERIFICATION, PilotSteps.done());
    pilots.complete(pilot, TASK_VALIDATE_ONBOARDING_CHECKLIST, PilotSteps.approve());
    pilots.complete(
        pilot,
        TASK_VALIDATE_SECURITY_ACCESS,
        Map.of("decision", "reject", "rejectionReason", HOSTILE));
    pilots.complete(pilot, TASK_REVIEW_ONBOARDING_DOCS, PilotSteps.approve());
    String qaUser = users.memberOf(Team.QA_TESTING, "inert-qa");
    HttpCalls qa = http().as(qaUser, passwordOf(qaUser));

    ResponseEntity<String> milestone =
        qa.get("/api/pilots/inert-outputs/milestone.md", "text/markdown");
    ResponseEntity<String> summary = qa.get("/api/pilots/inert-outputs/summary", "text/markdown");

    for (ResponseEntity<String> output : new ResponseEntity[] {milestone, summary}) {
      assertThat(output.getStatusCode().value()).isEqualTo(200);
      assertThat(output.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(output.getBody())
          .contains("\\<img src=x onerror=alert(1)\\> ## Fake section")
          .doesNotContainPattern(UNESCAPED_TAG)
          .doesNotContainPattern("(?<!\\\\)\\]\\(javascript:") // a link; "\\](" is text
          .doesNotContainPattern("(?m)^## Fake section")
          .doesNotContainPattern("(?m)^\\s*- \\[x\\] forged box");
    }
    assertThat(milestone.getBody()).contains("evidence: javascript:alert(document.cookie)");
  }

  @Test
  void aConfirmedSummaryKeepsItsMarkdownButNoHtmlOrScriptLinks() {
    pilots.start("inert-summary");
    PilotRun run = runs.findCurrent("inert-summary").orElseThrow();
    summaries.store(run, summaries.compile(run));
    summaries.confirm(
        run,
        "## Results\n\nSee [the dashboard](https://dashboards.example.test/acme) and "
            + "[this](javascript:alert(1)).\n\n<script>alert(2)</script>\n[ref]: javascript:alert(3)\n",
        "inert-pm");
    String qaUser = users.memberOf(Team.QA_TESTING, "inert-qa");

    ResponseEntity<String> summary =
        http()
            .as(qaUser, passwordOf(qaUser))
            .get("/api/pilots/inert-summary/summary", "text/markdown");

    assertThat(summary.getBody())
        .contains(
            "## Results",
            "[the dashboard](https://dashboards.example.test/acme)",
            "\\<script\\>alert(2)\\</script\\>")
        .doesNotContain("javascript:")
        .doesNotContainPattern(UNESCAPED_TAG);
  }

  /**
   * The same values inside the review and sign-off forms (what Tasklist's form-variables read gives
   * the form to render): text, never markup, a script link or a section of their own.
   */
  @Test
  void theReviewAndSignOffFormsShowTypedValuesAsText() throws Exception {
    String tenant = "inert-forms";
    String pilot = pilots.start(tenant);
    pilots.complete(
        pilot,
        TASK_DEFINE_PILOT_SCOPE,
        Map.of(
            "done", true, "evidenceLink", "javascript:alert(document.cookie)", "comment", HOSTILE));
    for (String item : PilotSteps.PRE_CHECKLIST.subList(1, PilotSteps.PRE_CHECKLIST.size())) {
      pilots.complete(pilot, item, PilotSteps.done());
    }
    pilots.complete(pilot, TASK_CONFIRM_ONBOARDING_PR_MERGED, PilotSteps.done());
    pilots.complete(pilot, TASK_EXECUTE_ONBOARDING_VERIFICATION, PilotSteps.done());
    String review = pilots.awaitTask(pilot, TASK_VALIDATE_SECURITY_ACCESS).getId();

    String reviewed = underReview(Team.SECURITY_COMPLIANCE, "inert-security", review);

    assertInert(reviewed);
    assertThat(reviewed)
        .contains(
            "comment: \\<img src=x onerror=alert(1)\\> ## Fake section",
            "evidence: javascript:alert(document.cookie)",
            "evidence: <https://wiki.example.test/pilot/evidence>");

    pilots.complete(pilot, TASK_VALIDATE_SECURITY_ACCESS, PilotSteps.approve());
    pilots.complete(pilot, TASK_VALIDATE_ONBOARDING_CHECKLIST, PilotSteps.approve());
    pilots.complete(pilot, TASK_REVIEW_ONBOARDING_DOCS, PilotSteps.approve());
    pilots.complete(pilot, TASK_MONITOR_PILOT, PilotSteps.done());
    PilotSteps.PHASE2_REVIEWS.forEach(task -> pilots.complete(pilot, task, PilotSteps.approve()));
    pilots.complete(
        pilot,
        TASK_PRODUCE_PILOT_SUMMARY,
        PilotSteps.confirmSummary(
            "## Results\n\n[this](javascript:alert(1)) ![pixel](https://track.example.test/p.png)"
                + "\n\n<script>alert(2)</script>\n[ref]: javascript:alert(3)\n",
            ""));
    pilots.complete(pilot, TASK_CONFIRM_MVP_ACCEPTANCE_CRITERIA, PilotSteps.done());
    String signOff = pilots.awaitTask(pilot, TASK_SIGN_OFF_SECURITY).getId();

    String signed = underReview(Team.SECURITY_COMPLIANCE, "inert-security", signOff);

    assertInert(signed);
    assertThat(signed)
        .contains(
            "###### Results",
            "[this](#unsafe-link-removed",
            "[pixel](https://track.example.test/p.png)",
            "\\<script\\>alert(2)\\</script\\>")
        .doesNotContain("![");
  }

  private String underReview(Team team, String userId, String taskId) throws Exception {
    String member = users.memberOf(team, userId);
    ResponseEntity<String> variables =
        http()
            .as(member, passwordOf(member))
            .get("/engine-rest/task/" + taskId + "/form-variables");
    assertThat(variables.getStatusCode().value()).as(variables.getBody()).isEqualTo(200);
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(variables.getBody())
        .path("underReview")
        .path("value")
        .asText();
  }

  private static void assertInert(String markdown) {
    assertThat(markdown)
        .isNotBlank()
        .doesNotContainPattern(UNESCAPED_TAG)
        .doesNotContainPattern("(?<!\\\\)\\]\\(javascript:") // a link; "\\](" is text
        .doesNotContainPattern("(?m)^#{1,3} ") // no section above the form's own
        .doesNotContainPattern("(?m)^\\s*#+ Fake section")
        .doesNotContainPattern("(?m)^\\s*- \\[x\\] forged box");
  }
}
