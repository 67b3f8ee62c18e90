package io.pilotlaunch.webapps;

import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlaunch.operations.PilotIssues;
import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.support.BrowserIntegrationTest;
import io.pilotlaunch.support.PilotApi;
import io.pilotlaunch.support.PlainWords;
import io.pilotlaunch.teams.Team;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The forms in the real Tasklist, as a person meets them: refusals in the form's words, where the
 * person looks; rules said in words while they are broken; the work at the top of each form; and
 * after a start, the way to the new pilot. Screenshots in target/e2e/forms-*.png.
 */
class FormsBrowserIT extends BrowserIntegrationTest {

  private static final By START = By.xpath("//button[normalize-space()='Start']");
  private static final By COMPLETE = By.xpath("//button[normalize-space()='Complete']");
  private static final By START_ALERTS = By.cssSelector(".modal-body [notifications-panel] .alert");
  private static final By TOASTS = By.cssSelector(".page-notifications .alert");

  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired PilotIssues issues;

  @Test
  void aWrongStartIsRefusedInViewWithTheFormsLabelsAndOnlyTheNewestReasonShows() {
    logInToTasklist(Team.PRODUCT_MANAGEMENT, "forms-pm-refused");
    openTheStartForm();
    fillInTheStartForm("forms-refused", "2099-12-20", "2099-12-01");
    browser.waitForText("⚠ Last pilot day: must not be before the first pilot day.");

    start();
    browser.waitForText("Last pilot day must not be before the first pilot day, 20 Dec 2099.");
    browser.screenshot("forms-start-refused-end-before-start");
    WebElement alert = newestVisible(START_ALERTS);
    assertInView(alert);

    retype("First pilot day", "2099-02-30");
    browser.waitForText("⚠ First pilot day: write a day of the calendar as yyyy-mm-dd");
    start();
    browser.waitForText("First pilot day is not a day in the calendar: February 2099 has 28 days.");
    browser.screenshot("forms-start-refused-no-such-day");
    List<WebElement> shown = visible(START_ALERTS);
    assertThat(shown).as("only the newest reason shows").hasSize(1);
    assertInView(shown.get(0));
    assertThat(shown.get(0).getText())
        .contains("The process could not be started")
        .doesNotContain("Last pilot day must not");
    assertThat(PlainWords.problems(shown.get(0).getText(), List.of("pilotStart", "pilotEnd")))
        .isEmpty();
    assertThat(browser.pageText()).doesNotContain("must match pattern", "ISO-8601");
    assertThat(
            runtimeService
                .createProcessInstanceQuery()
                .processInstanceBusinessKey("forms-refused")
                .count())
        .isZero();
  }

  @Test
  void aChecklistItemLeadsWithItsWorkAndCompletingItEmptySaysWhatIsMissingInWords() {
    String tenant = "forms-item";
    String pilot = startFromTheApi(tenant, "2099-12-01", "2099-12-31");
    String taskId =
        pilots
            .awaitTask(pilot, MvpPilotLaunchProcess.Elements.TASK_DOCUMENT_ROLLBACK_PATHS)
            .getId();
    openTask(Team.DEVOPS_SRE, "forms-sre-item", taskId);

    browser.waitForText("What to do: Document how this tenant is rolled back");
    browser.waitForText("pilot window 1 Dec 2099 to 31 Dec 2099");
    assertThat(browser.pageText()).doesNotContain("2100-01-01", "T00:00:00Z");
    assertThat(top(By.xpath("//*[contains(text(), 'What to do:')]")))
        .as("the work comes before the fields")
        .isLessThan(top(By.xpath("//label[contains(., 'Done')]")));
    assertThat(browser.pageText())
        .contains("Evidence: a link to the runbook", "Comment (required while Done is not ticked)");

    browser.click(COMPLETE);
    browser.waitForText(
        "Comment is required while Done is not ticked: say what is missing and who is on it.");
    browser.screenshot("forms-item-refused");
    WebElement toast = newestVisible(TOASTS);
    assertInView(toast);
    assertThat(intersects(toast.getRect(), visibleElement(COMPLETE).getRect()))
        .as("the message leaves the Complete button free")
        .isFalse();
    assertThat(toast.getText()).doesNotContain(taskId, "!=", "done", "comment'");
    assertThat(PlainWords.problems(toast.getText(), List.of("comment", "done"))).isEmpty();
  }

  @Test
  void aRuleFormJsWouldShowAsARegularExpressionIsSaidInWords() {
    String pilot = pilots.start("forms-evidence");
    String taskId =
        pilots
            .awaitTask(pilot, MvpPilotLaunchProcess.Elements.TASK_FINALIZE_ONBOARDING_CHECKLIST)
            .getId();
    openTask(Team.DEVOPS_SRE, "forms-sre-evidence", taskId);

    browser.click(By.xpath("//label[contains(., 'Done')]/..//input[@type='checkbox']"));
    browser.type(
        By.xpath("//label[contains(., 'Evidence link')]/following::input[1]"), "ftp://runbook");
    browser.waitForText("⚠ Evidence link: give a web address that starts with https:// or http://");
    browser.screenshot("forms-evidence-hint");
    browser.click(COMPLETE);
    browser.waitForText(
        "Evidence link: give a web address that starts with https:// or http://, e.g."
            + " https://wiki.example.com/runbook.");
    browser.screenshot("forms-evidence-refused");
    assertThat(browser.pageText()).doesNotContain("must match pattern", "^https?", "\\S");
    assertThat(PlainWords.problems(newestVisible(TOASTS).getText(), List.of("evidenceLink")))
        .isEmpty();
  }

  /**
   * The triage form's severities are the configured ones, most severe first: "blocker", which only
   * the test context's configuration adds, is offered and, picked, taken.
   */
  @Test
  void theTriageFormOffersTheConfiguredSeveritiesMostSevereFirst() {
    String tenant = "forms-triage";
    String pilot = pilots.start(tenant);
    pilots.passPreChecklist(pilot);
    pilots.passPhase1(pilot);
    String qa = users.memberOf(Team.QA_TESTING, "forms-qa-triage");
    assertThat(
            http()
                .as(qa, passwordOf(qa))
                .postJson(
                    "/api/pilots/" + tenant + "/issues",
                    PilotApi.issueBody("FRM-1", "high", "backend", "checkout"))
                .getStatusCode()
                .value())
        .isEqualTo(201);
    String taskId =
        pilots.awaitTask(pilot, MvpPilotLaunchProcess.Elements.TASK_TRIAGE_PILOT_ISSUE).getId();
    openTask(Team.PRODUCT_MANAGEMENT, "forms-pm-triage", taskId);

    browser.click(
        By.xpath(
            "//label[contains(., 'Severity')]/following::div[contains(@class, 'fjs-input-group')][1]"));
    By options = By.cssSelector(".fjs-dropdownlist-item");
    await("the severities offered")
        .atMost(Duration.ofSeconds(30))
        .until(() -> !visible(options).isEmpty());
    browser.screenshot("forms-triage-severities");
    assertThat(visible(options).stream().map(WebElement::getText))
        .containsExactly("Blocker", "Critical", "High", "Medium", "Low");

    browser.click(
        By.xpath("//*[contains(@class, 'fjs-dropdownlist-item') and normalize-space()='Blocker']"));
    browser.click(
        By.xpath(
            "(//label[normalize-space()='No']//input[@type='radio']"
                + " | //input[@type='radio' and @id=//label[normalize-space()='No']/@for])[1]"));
    browser.click(COMPLETE);
    await("triaged")
        .atMost(Duration.ofSeconds(30))
        .until(() -> taskService.createTaskQuery().taskId(taskId).count() == 0);
    assertThat(issues.find(tenant, "FRM-1").orElseThrow().severity()).isEqualTo("blocker");
  }

  /**
   * A pilot whose window opened yesterday: the form warns, the start succeeds, a notification links
   * the new pilot's page, and none of its tasks is due in the past.
   */
  @Test
  void afterAStartFromTasklistANotificationLinksTheNewPilot() {
    String tenant = "forms-started";
    LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    logInToTasklist(Team.PRODUCT_MANAGEMENT, "forms-pm-start");
    openTheStartForm();
    fillInTheStartForm(tenant, yesterday.toString(), yesterday.plusDays(30).toString());
    browser.waitForText("The first pilot day is in the past.");
    browser.screenshot("forms-start-in-the-past");

    start();

    WebElement link =
        await("the link to the new pilot")
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    browser
                        .driver()
                        .findElements(By.cssSelector("a[href='/pilots/" + tenant + "']"))
                        .stream()
                        .filter(WebElement::isDisplayed)
                        .findFirst()
                        .orElse(null),
                found -> found != null);
    browser.screenshot("forms-started-link");
    assertThat(link.getText()).isEqualTo("open its milestone document");
    assertInView(link);
    assertThat(browser.pageText()).contains("Pilot " + tenant + " started");
    String pilot =
        runtimeService
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(tenant)
            .singleResult()
            .getId();
    assertThat(taskService.createTaskQuery().processInstanceId(pilot).count()).isEqualTo(5);
    assertThat(taskService.createTaskQuery().processInstanceId(pilot).dueBefore(new Date()).count())
        .as("tasks born overdue")
        .isZero();
  }

  private void logInToTasklist(Team team, String userId) {
    String user = users.memberOf(team, userId);
    browser.logIn(url("/camunda/app/tasklist/default/"), user, passwordOf(user));
    browser.waitForText(team.filterName());
  }

  private void openTheStartForm() {
    // Tasklist keeps a form's input in local storage when a session ends (another test's here)
    // and fills it in again: every test starts from an empty form.
    script("localStorage.clear();");
    browser.click(By.linkText("Start process"));
    browser.click(By.xpath("//a[contains(., 'Milestone 6: MVP Pilot Launch')]"));
    browser.waitForText("Start an MVP pilot launch");
  }

  private void fillInTheStartForm(String tenantId, String firstDay, String lastDay) {
    browser.type(field("Tenant id"), tenantId);
    browser.type(field("Tenant name"), "Tenant " + tenantId);
    browser.click(By.xpath("//div[contains(@class, 'fjs-input-group') and .//*[text()='Select']]"));
    browser.click(
        By.xpath("//*[contains(@class, 'fjs-dropdownlist-item') and contains(., 'Production')]"));
    browser.click(By.xpath("//div[contains(@class, 'fjs-input-group') and .//*[text()='Select']]"));
    browser.click(
        By.xpath(
            "//*[contains(@class, 'fjs-dropdownlist-item') and contains(., '"
                + FORM_REGION
                + "')]"));
    browser.type(field("First pilot day"), firstDay);
    browser.type(field("Last pilot day"), lastDay);
  }

  private void retype(String label, String text) {
    browser.type(field(label), Keys.chord(Keys.CONTROL, "a") + text);
  }

  /** Scrolls the dialog to its end, where a person finds the Start button, and clicks it. */
  private void start() {
    script(
        "const dialog = document.querySelector('.modal'); dialog.scrollTop ="
            + " dialog.scrollHeight;");
    browser.click(START);
  }

  /** Opens the task in Tasklist as a member of its team, and claims it. */
  private void openTask(Team team, String userId, String taskId) {
    String user = users.memberOf(team, userId);
    browser.logIn(url("/camunda/app/tasklist/default/#/?task=" + taskId), user, passwordOf(user));
    browser.waitForText("What to do:");
    browser.click(By.xpath("//button[contains(., 'Claim')] | //a[contains(., 'Claim')]"));
    await("claimed")
        .atMost(Duration.ofSeconds(30))
        .until(() -> !visible(COMPLETE).isEmpty() && visibleElement(COMPLETE).isEnabled());
  }

  private String startFromTheApi(String tenant, String firstDay, String lastDay) {
    String pilot = startThroughTheApi(tenant, firstDay, lastDay);
    pilots.awaitTask(pilot, MvpPilotLaunchProcess.Elements.TASK_DOCUMENT_ROLLBACK_PATHS);
    return pilot;
  }

  private static By field(String label) {
    return By.xpath("//label[contains(., '" + label + "')]/following::input[1]");
  }

  private static List<WebElement> visible(By elements) {
    return browser.driver().findElements(elements).stream()
        .filter(WebElement::isDisplayed)
        .toList();
  }

  private static WebElement visibleElement(By element) {
    List<WebElement> shown = visible(element);
    assertThat(shown).as(element.toString()).isNotEmpty();
    return shown.get(0);
  }

  private static WebElement newestVisible(By elements) {
    List<WebElement> shown = visible(elements);
    assertThat(shown).as(elements.toString()).isNotEmpty();
    return shown.get(shown.size() - 1);
  }

  private static long top(By element) {
    return Math.round(
        ((Number)
                script("return arguments[0].getBoundingClientRect().top;", visibleElement(element)))
            .doubleValue());
  }

  /** Inside the browser's window as the person sees it, not scrolled away. */
  private static void assertInView(WebElement element) {
    @SuppressWarnings("unchecked")
    Map<String, Number> box =
        (Map<String, Number>)
            script(
                "const r = arguments[0].getBoundingClientRect();"
                    + " return {top: r.top, bottom: r.bottom, height: r.height,"
                    + " viewport: window.innerHeight};",
                element);
    assertThat(box.get("height").doubleValue()).as("shown").isPositive();
    assertThat(box.get("top").doubleValue()).as("top in view: " + box).isGreaterThanOrEqualTo(0);
    assertThat(box.get("bottom").doubleValue())
        .as("bottom in view: " + box)
        .isLessThanOrEqualTo(box.get("viewport").doubleValue());
  }

  private static Object script(String script, Object... arguments) {
    return ((JavascriptExecutor) browser.driver()).executeScript(script, arguments);
  }

  private static boolean intersects(Rectangle a, Rectangle b) {
    return a.getX() < b.getX() + b.getWidth()
        && b.getX() < a.getX() + a.getWidth()
        && a.getY() < b.getY() + b.getHeight()
        && b.getY() < a.getY() + a.getHeight();
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
