package io.pilotlaunch.webapps;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.*;
import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.support.BrowserIntegrationTest;
import io.pilotlaunch.support.PilotSteps;
import io.pilotlaunch.teams.Team;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reviewers and signatories judge what their Tasklist form shows them, in a real browser: the items
 * under review with who, when, decision, comment and clickable evidence, and the confirmed summary
 * as rendered text. What people typed stays text there.
 */
class ReviewFormsBrowserIT extends BrowserIntegrationTest {

  private static final String HOSTILE_COMMENT =
      "<img src=x onerror=alert(1)> scope agreed [x](javascript:alert(2))";

  @Autowired TaskService taskService;

  @Test
  void theSecurityReviewerSeesTheOnboardingEvidenceInsideItsForm() {
    String tenant = "browser-review";
    String pilot = pilots.start(tenant);
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put("done", true);
    scope.put("evidenceLink", "javascript:alert(document.cookie)");
    scope.put("comment", HOSTILE_COMMENT);
    completeAs(pilot, TASK_DEFINE_PILOT_SCOPE, Team.PRODUCT_MANAGEMENT, scope);
    for (String item : PilotSteps.PRE_CHECKLIST.subList(1, PilotSteps.PRE_CHECKLIST.size())) {
      completeAs(pilot, item, teamOf(pilot, item), evidence("https://wiki.example.test/" + item));
    }
    completeAs(
        pilot,
        TASK_CONFIRM_ONBOARDING_PR_MERGED,
        Team.DEVOPS_SRE,
        evidence("https://git.example.test/acme/pull/1"));
    // evidence this server itself answers, so that following the link shows where it leads
    String verificationRun = url("/actuator/health");
    completeAs(
        pilot, TASK_EXECUTE_ONBOARDING_VERIFICATION, Team.QA_TESTING, evidence(verificationRun));
    Task review = pilots.awaitTask(pilot, TASK_VALIDATE_SECURITY_ACCESS);
    String security = users.memberOf(Team.SECURITY_COMPLIANCE, "browser-review-security");

    browser.logIn(
        url("/camunda/app/tasklist/default/#/?task=" + review.getId()),
        security,
        passwordOf(security));
    browser.waitForText("Security and access validation complete — " + tenant);
    browser.waitForText("What you review");
    scrollTo("What you review");
    browser.screenshot("security-review");
    scrollTo("Onboarding verification");
    browser.screenshot("security-review-verification");

    String shown = underReviewText();
    assertThat(shown)
        .contains(
            "Milestone Pre-Checklist",
            "Phase 1: Pilot Tenant Onboarding",
            "\u2611 Execute onboarding verification checklist.",
            "Done by " + member(Team.QA_TESTING) + " on ",
            "evidence: " + verificationRun,
            "Done by " + member(Team.PRODUCT_MANAGEMENT) + " on ",
            "comment: " + HOSTILE_COMMENT,
            "evidence: javascript:alert(document.cookie)",
            "\u2611 Configure tenant and environment routing.",
            "Done automatically on ",
            "Onboarding verification (automatic checks, latest run)",
            "passed: route",
            "\u2610 Security and access validation complete.")
        .doesNotContain("&lt;", "&amp;", "\\#", "\\<", "\\&");
    By verification = By.cssSelector(".fjs-form-field-text a[href='" + verificationRun + "']");
    assertThat(browser.driver().findElement(verification).isDisplayed())
        .as("the evidence link is there to click")
        .isTrue();
    assertThat(links("a[href^='javascript']")).as("script links").isEmpty();
    assertThat(links(".fjs-form-field-text img")).as("images from typed text").isEmpty();

    browser.click(verification);
    browser.waitForText("UP");
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(verificationRun);
  }

  @Test
  void aSignOffShowsTheConfirmedSummaryAsRenderedText() {
    String tenant = "browser-sign-off";
    String pilot = pilots.start(tenant);
    pilots.passPreChecklist(pilot);
    pilots.passPhase1(pilot);
    pilots.complete(pilot, TASK_MONITOR_PILOT, PilotSteps.done());
    PilotSteps.PHASE2_REVIEWS.forEach(task -> pilots.complete(pilot, task, PilotSteps.approve()));
    completeAs(
        pilot,
        TASK_PRODUCE_PILOT_SUMMARY,
        Team.PRODUCT_MANAGEMENT,
        PilotSteps.confirmSummary(
            "# Pilot summary\n\n## Results\n\nThe pilot ran **clean**.\n\n"
                + "![latency chart](https://dashboards.example.test/latency.png)\n",
            ""));
    pilots.complete(pilot, TASK_CONFIRM_MVP_ACCEPTANCE_CRITERIA, PilotSteps.done());
    Task signOff = pilots.awaitTask(pilot, TASK_SIGN_OFF_SECURITY);
    String security = users.memberOf(Team.SECURITY_COMPLIANCE, "browser-sign-off-security");

    browser.logIn(
        url("/camunda/app/tasklist/default/#/?task=" + signOff.getId()),
        security,
        passwordOf(security));
    browser.waitForText("What you sign off");
    browser.waitForText("The pilot ran clean.");
    scrollTo("What you sign off");
    browser.screenshot("security-sign-off");

    String shown = underReviewText();
    assertThat(shown)
        .contains(
            "Confirmed by " + member(Team.PRODUCT_MANAGEMENT) + " on ",
            "Pilot summary",
            "Results",
            "\u2611 Confirm MVP acceptance criteria completion.")
        .as("Markdown rendered, not shown")
        .doesNotContain("#", "**");
    assertThat(texts(".fjs-form-field-text h5, .fjs-form-field-text h6"))
        .contains("Pilot summary", "Results");
    assertThat(texts(".fjs-form-field-text strong")).contains("clean");
    assertThat(links(".fjs-form-field-text img")).as("images load nothing").isEmpty();
    assertThat(links(".fjs-form-field-text a[href='https://dashboards.example.test/latency.png']"))
        .as("an image is a link")
        .isNotEmpty();
    assertThat(browser.driver().findElements(By.xpath("//textarea[@readonly]")))
        .as("no raw summary in a text box")
        .isEmpty();
  }

  /** A checklist item claimed and completed by a member of the team, as Tasklist would. */
  private void completeAs(String pilot, String taskKey, Team team, Map<String, Object> variables) {
    Task task = pilots.awaitTask(pilot, taskKey);
    taskService.claim(task.getId(), member(team));
    taskService.complete(task.getId(), variables);
  }

  private Team teamOf(String pilot, String taskKey) {
    return taskService.getIdentityLinksForTask(pilots.awaitTask(pilot, taskKey).getId()).stream()
        .filter(link -> link.getGroupId() != null)
        .map(link -> Team.byGroupId(link.getGroupId()))
        .flatMap(java.util.Optional::stream)
        .findFirst()
        .orElseThrow();
  }

  private String member(Team team) {
    return users.memberOf(team, "browser-review-" + team.groupId());
  }

  private static Map<String, Object> evidence(String link) {
    return Map.of("done", true, "evidenceLink", link, "comment", "checked");
  }

  /** Scrolls the form to the text view's heading or line that says this, for the screenshots. */
  private static void scrollTo(String text) {
    WebElement target =
        browser
            .driver()
            .findElement(
                By.xpath(
                    "//*[contains(@class, 'fjs-form-field-text')]//*[contains(text(), '"
                        + text
                        + "')]"));
    ((org.openqa.selenium.JavascriptExecutor) browser.driver())
        .executeScript("arguments[0].scrollIntoView({block: 'start'});", target);
  }

  /** What the form's text views show, as the reader sees them. */
  private static String underReviewText() {
    return String.join("\n", texts(".fjs-form-field-text"));
  }

  private static List<String> texts(String css) {
    return browser.driver().findElements(By.cssSelector(css)).stream()
        .map(WebElement::getText)
        .toList();
  }

  private static List<WebElement> links(String css) {
    return browser.driver().findElements(By.cssSelector(css));
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
