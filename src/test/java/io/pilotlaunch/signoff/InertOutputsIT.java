package io.pilotlaunch.signoff;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_CONFIRM_ONBOARDING_PR_MERGED;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_DEFINE_PILOT_SCOPE;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_EXECUTE_ONBOARDING_VERIFICATION;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_REVIEW_ONBOARDING_DOCS;
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
          .contains("&lt;img src=x onerror=alert(1)&gt; \\#\\# Fake section")
          .doesNotContain("<img", "<javascript:")
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
            "&lt;script&gt;alert(2)&lt;/script&gt;")
        .doesNotContain("javascript:", "<script>");
  }
}
