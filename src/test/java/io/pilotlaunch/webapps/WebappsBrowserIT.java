package io.pilotlaunch.webapps;

import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Elements;
import io.pilotlaunch.support.BrowserIntegrationTest;
import io.pilotlaunch.support.PilotApi;
import io.pilotlaunch.support.PilotSteps;
import io.pilotlaunch.teams.Team;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The real Camunda webapps in a real browser, as a team member and an operator use them. */
class WebappsBrowserIT extends BrowserIntegrationTest {

  @Autowired JdbcTemplate jdbc;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;

  @Test
  void aTeamMemberSeesItsTeamFilterAndMyTasksInTasklist() {
    String qa = users.memberOf(Team.QA_TESTING, "browser-qa");

    browser.logIn(url("/camunda/app/tasklist/default/"), qa, passwordOf(qa));

    browser.waitForText(Team.QA_TESTING.filterName());
    browser.waitForText("My tasks");
    assertThat(browser.pageText())
        .doesNotContain(Team.DEVOPS_SRE.filterName(), Team.ARCHITECTURE.filterName());
  }

  @Test
  void theTechnicalOwnerOpensCockpit() {
    String sre = users.memberOf(Team.DEVOPS_SRE, "browser-sre");

    browser.logIn(url("/camunda/app/cockpit/default/"), sre, passwordOf(sre));

    browser.waitForText("Processes");
    browser.waitForText("Running Process Instances");
    browser.waitForText("Test " + Team.DEVOPS_SRE.displayName());
  }

  @Test
  void aTeamMemberIsKeptOutOfCockpitAndAdmin() {
    String qa = users.memberOf(Team.QA_TESTING, "browser-qa-outside");

    browser.logIn(url("/camunda/app/cockpit/default/"), qa, passwordOf(qa));
    browser.waitForText("missing access rights");

    browser.logIn(url("/camunda/app/admin/default/"), qa, passwordOf(qa));
    browser.waitForText("missing access rights");
  }

  @Test
  void theProductManagerStartsAPilotWithTheStartFormInTasklist() {
    String pm = users.memberOf(Team.PRODUCT_MANAGEMENT, "browser-pm");
    browser.logIn(url("/camunda/app/tasklist/default/"), pm, passwordOf(pm));
    browser.waitForText(Team.PRODUCT_MANAGEMENT.filterName());

    fillInTheStartForm("browser-start", FORM_REGION, "2026-12-01", "2027-01-15");
    browser.screenshot("start-form");
    browser.click(By.xpath("//button[normalize-space()='Start']"));

    await("the pilot started from Tasklist")
        .atMost(Duration.ofSeconds(60))
        .until(() -> activePilots("browser-start") == 1);
    assertThat(
            jdbc.queryForObject(
                "select started_by from pilot.pilot_run where active_tenant_id = 'browser-start'",
                String.class))
        .isEqualTo(pm);
    String processInstanceId =
        jdbc.queryForObject(
            "select process_instance_id from pilot.pilot_run where active_tenant_id = 'browser-start'",
            String.class);
    assertThat(runtimeService.getVariable(processInstanceId, "pilotEnd"))
        .as("the last day ends at midnight UTC")
        .isEqualTo("2027-01-16T00:00:00Z");
  }

  /**
   * The form offers the regions of the shipped configuration; this server has only eu-central-1 in
   * production, so us-east-1 is refused by the server's rules, and nothing starts.
   */
  @Test
  void aStartWithARegionTheServerDoesNotHaveIsRefusedWithAClearMessage() {
    String pm = users.memberOf(Team.PRODUCT_MANAGEMENT, "browser-pm-refused");
    browser.logIn(url("/camunda/app/tasklist/default/"), pm, passwordOf(pm));
    browser.waitForText(Team.PRODUCT_MANAGEMENT.filterName());

    fillInTheStartForm("browser-refused", "us-east-1", "2026-12-01", "2027-01-15");
    browser.click(By.xpath("//button[normalize-space()='Start']"));

    browser.waitForText(
        "Region must be one of the regions of "
            + FORM_ENVIRONMENT
            + " on this server: "
            + FORM_REGION
            + ".");
    browser.screenshot("start-refused");
    assertThat(browser.pageText()).doesNotContain(MvpPilotLaunchProcess.PROCESS_ID + ":");
    assertThat(activePilots("browser-refused")).isZero();
    assertThat(
            runtimeService
                .createProcessInstanceQuery()
                .processInstanceBusinessKey("browser-refused")
                .count())
        .isZero();
  }

  private void fillInTheStartForm(String tenantId, String region, String firstDay, String lastDay) {
    browser.click(By.linkText("Start process"));
    browser.click(By.xpath("//a[contains(., 'Milestone 6: MVP Pilot Launch')]"));
    browser.waitForText("Start an MVP pilot launch");
    assertThat(browser.pageText()).doesNotContain("Milestone 7");
    browser.type(By.xpath("//label[contains(., 'Tenant id')]/following::input[1]"), tenantId);
    browser.type(
        By.xpath("//label[contains(., 'Tenant name')]/following::input[1]"), "Tenant " + tenantId);
    browser.click(By.xpath("//div[contains(@class, 'fjs-input-group') and .//*[text()='Select']]"));
    browser.click(
        By.xpath("//*[contains(@class, 'fjs-dropdownlist-item') and contains(., 'Production')]"));
    // the region select appears once an environment is chosen, with that environment's regions
    browser.click(By.xpath("//div[contains(@class, 'fjs-input-group') and .//*[text()='Select']]"));
    browser.click(
        By.xpath(
            "//*[contains(@class, 'fjs-dropdownlist-item') and contains(., '" + region + "')]"));
    browser.type(By.xpath("//label[contains(., 'First pilot day')]/following::input[1]"), firstDay);
    browser.type(By.xpath("//label[contains(., 'Last pilot day')]/following::input[1]"), lastDay);
  }

  private int activePilots(String tenantId) {
    return jdbc.queryForObject(
        "select count(*) from pilot.pilot_run where active_tenant_id = ?", Integer.class, tenantId);
  }

  @Test
  void aTeamMemberCompletesAChecklistItemInTasklistAndTheServerChecksTheForm() {
    String pilot = pilots.start("browser-item");
    String sre = users.memberOf(Team.DEVOPS_SRE, "browser-sre-item");
    String item = "Tenant onboarding checklist is finalized";
    browser.logIn(url("/camunda/app/tasklist/default/"), sre, passwordOf(sre));
    browser.click(By.xpath("//*[contains(text(), '" + Team.DEVOPS_SRE.filterName() + "')]"));
    browser.click(By.xpath("//*[contains(@class, 'task')]//*[contains(text(), '" + item + "')]"));
    browser.click(By.xpath("//button[contains(., 'Claim')] | //a[contains(., 'Claim')]"));

    // Not done, without the comment the form asks for: the server refuses, the task stays open.
    browser.click(By.xpath("//button[normalize-space()='Complete']"));
    browser.waitForText("Comment is required while Done is not ticked");
    assertThat(
            taskService
                .createTaskQuery()
                .processInstanceId(pilot)
                .taskDefinitionKey(
                    MvpPilotLaunchProcess.Elements.TASK_FINALIZE_ONBOARDING_CHECKLIST)
                .count())
        .isOne();

    browser.click(By.xpath("//label[contains(., 'Done')]/..//input[@type='checkbox']"));
    browser.type(
        By.xpath("//label[contains(., 'Evidence link')]/following::input[1]"),
        "https://wiki.example.test/runbook");
    browser.click(By.xpath("//button[normalize-space()='Complete']"));

    await("the item completed from Tasklist")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                taskService
                        .createTaskQuery()
                        .processInstanceId(pilot)
                        .taskDefinitionKey(
                            MvpPilotLaunchProcess.Elements.TASK_FINALIZE_ONBOARDING_CHECKLIST)
                        .count()
                    == 0,
            found -> found != null && !Boolean.FALSE.equals(found));
    assertThat(runtimeService.getVariable(pilot, "onboardingChecklistFinalizedDone"))
        .isEqualTo(true);
    assertThat(
            jdbc.queryForList(
                "select text_ from act_hi_varinst where proc_inst_id_ = ? and name_ = ?",
                String.class,
                pilot,
                "evidenceLink"))
        .as("the evidence stays with the item, in its own scope")
        .contains("https://wiki.example.test/runbook");
  }

  @Test
  void qaSeesWhichIssueAFixIsAboutOnItsReviewTask() {
    String tenant = "browser-fix";
    String pilot = pilots.start(tenant);
    pilots.passPreChecklist(pilot);
    pilots.passPhase1(pilot);
    String qa = users.memberOf(Team.QA_TESTING, "browser-qa-fix");
    assertThat(
            http()
                .as(qa, passwordOf(qa))
                .postJson(
                    "/api/pilots/" + tenant + "/issues",
                    PilotApi.issueBody("BRW-1", "critical", "backend", "checkout"))
                .getStatusCode()
                .value())
        .isEqualTo(201);
    pilots.complete(
        pilot,
        Elements.TASK_TRIAGE_PILOT_ISSUE,
        Map.of(
            "severity", "critical",
            "approveFix", "yes",
            "component", "backend",
            "topic", "checkout",
            "comment", "retry storm in the payment client"));
    pilots.complete(pilot, Elements.TASK_APPLY_FIX_BACKEND, PilotSteps.done());
    pilots.awaitTask(pilot, Elements.TASK_REVIEW_AND_TEST_FIX);

    browser.logIn(url("/camunda/app/tasklist/default/"), qa, passwordOf(qa));
    browser.click(By.xpath("//*[contains(text(), '" + Team.QA_TESTING.filterName() + "')]"));
    browser.click(
        By.xpath(
            "//*[contains(@class, 'task')]//*[contains(text(), 'Review and test the fix of BRW-1 (critical)')]"));
    browser.waitForText("Review and test the fix of BRW-1 (critical) — " + tenant);
    await("the issue in the task's details")
        .atMost(Duration.ofSeconds(30))
        .until(() -> fieldValues().contains("Summary: Checkout fails for BRW-1"));
    browser.screenshot("fix-review-task");
    assertThat(fieldValues())
        .contains(
            "BRW-1 · critical · backend", "Triage comment: retry storm in the payment client");
  }

  @Test
  void theMilestoneOwnerSeesWhichPreChecklistItemDrifted() {
    String tenant = "browser-drift";
    String pilot = pilots.start(tenant);
    for (String item : PilotSteps.PRE_CHECKLIST) {
      pilots.complete(
          pilot,
          item,
          item.equals(Elements.TASK_CONFIRM_ROADMAP_STATUS)
              ? PilotSteps.notDone("owners missing for Q1")
              : PilotSteps.done());
    }
    pilots.awaitTask(pilot, Elements.TASK_RESOLVE_PRE_CHECKLIST_DRIFT);
    String pm = users.memberOf(Team.PRODUCT_MANAGEMENT, "browser-pm-drift");

    browser.logIn(url("/camunda/app/tasklist/default/"), pm, passwordOf(pm));
    browser.click(
        By.xpath("//*[contains(text(), '" + Team.PRODUCT_MANAGEMENT.filterName() + "')]"));
    browser.click(
        By.xpath(
            "//*[contains(@class, 'task')]//*[contains(text(), 'Resolve pre-checklist drift: 1 item not done — "
                + tenant
                + "')]"));
    await("the drifted item in the task's details")
        .atMost(Duration.ofSeconds(30))
        .until(() -> fieldValues().contains("Roadmap status and owners are current"));
    browser.screenshot("drift-task");
    assertThat(fieldValues()).contains("owners missing for Q1").doesNotContain("Pilot scope");
    assertThat(browser.driver().findElements(By.cssSelector("a[href='/pilots/" + tenant + "']")))
        .as("the form links the pilot's milestone document")
        .isNotEmpty();
    assertThat(browser.pageText()).doesNotContain("Create task");
  }

  @Test
  void theMilestoneOwnerOpensThePilotsPagesAndFollowsAnEvidenceLink() {
    String tenant = "browser-pages";
    String pilot = pilots.start(tenant);
    Map<String, Object> done = new java.util.LinkedHashMap<>(PilotSteps.done());
    done.put("evidenceLink", url("/actuator/health"));
    pilots.complete(pilot, Elements.TASK_DEFINE_PILOT_SCOPE, done);
    String pm = users.memberOf(Team.PRODUCT_MANAGEMENT, "browser-pm-pages");
    browser.logIn(url("/camunda/app/tasklist/default/"), pm, passwordOf(pm));
    browser.waitForText(Team.PRODUCT_MANAGEMENT.filterName());

    browser.driver().get(url("/pilots"));
    browser.waitForText(tenant);
    browser.screenshot("pilots");
    browser.click(By.linkText(tenant));
    browser.waitForText("Milestone 6: MVP Pilot Launch");
    browser.waitForText("Done by ");
    browser.screenshot("pilot-document");
    browser.click(By.linkText(url("/actuator/health")));

    browser.waitForText("UP");
    assertThat(browser.driver().getCurrentUrl()).endsWith("/actuator/health");
  }

  @Test
  void theTechnicalOwnersHumanTasksPageInCockpitWorksAndVariablesOfferNoEditing() {
    String pilot = pilots.start("browser-cockpit-tasks");
    String sre = users.memberOf(Team.DEVOPS_SRE, "browser-sre-tasks");

    browser.logIn(url("/camunda/app/cockpit/default/#/tasks"), sre, passwordOf(sre));

    browser.waitForText("Assignments by group");
    browser.screenshot("cockpit-human-tasks");
    assertThat(browser.pageText().toLowerCase())
        .doesNotContain("permission", "not authorized", "forbidden");

    browser
        .driver()
        .get(url("/camunda/app/cockpit/default/#/process-instance/" + pilot + "/runtime"));
    // the first page of the variables (each pre-checklist item adds its own: tenantName is on the
    // second)
    browser.waitForText("checklistItemId");
    browser.screenshot("cockpit-variables");
    assertThat(
            browser
                .driver()
                .findElements(By.cssSelector("[cam-widget-variables-table] button"))
                .stream()
                .filter(org.openqa.selenium.WebElement::isDisplayed)
                .toList())
        .as("edit buttons shown to the technical owner")
        .isEmpty();
  }

  @Test
  void theMilestoneOwnerSetsADueDateInTasklist() {
    String tenant = "browser-due";
    String pilot = pilots.start(tenant);
    String taskId = pilots.awaitTask(pilot, Elements.TASK_DEFINE_PILOT_SCOPE).getId();
    java.util.Date before =
        taskService.createTaskQuery().taskId(taskId).singleResult().getDueDate();
    String pm = users.memberOf(Team.PRODUCT_MANAGEMENT, "browser-pm-due");

    browser.logIn(url("/camunda/app/tasklist/default/#/?task=" + taskId), pm, passwordOf(pm));
    browser.waitForText(
        "Pilot scope, success metrics, and support coverage are defined — " + tenant);
    browser.click(By.cssSelector(".due-date .view-value"));
    // the date picker opens on the due month (two days from now: the window opened yesterday, and
    // no task is born overdue): the 30th is in it
    browser.click(
        By.xpath(
            "//table//button[.//span[normalize-space()='30' and not(contains(@class, 'text-muted'))]]"));
    browser.screenshot("due-date-picker");
    browser
        .driver()
        .findElements(By.xpath("//button[.//span[contains(@class, 'glyphicon-ok')]]"))
        .stream()
        .filter(org.openqa.selenium.WebElement::isDisplayed)
        .findFirst()
        .orElseThrow(() -> new AssertionError("the date picker shows no apply button"))
        .click();

    await("the due date saved")
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> taskService.createTaskQuery().taskId(taskId).singleResult().getDueDate(),
            due -> due != null && !due.equals(before));
    java.time.ZonedDateTime due =
        taskService
            .createTaskQuery()
            .taskId(taskId)
            .singleResult()
            .getDueDate()
            .toInstant()
            .atZone(java.time.ZoneOffset.UTC);
    assertThat(due.getDayOfMonth()).isEqualTo(30);
    assertThat(browser.pageText()).doesNotContain("CamundaFormRef", "Cannot construct");
  }

  /** What the form's fields hold: read-only text areas show their text as a value, not as text. */
  private String fieldValues() {
    StringBuilder values = new StringBuilder();
    for (org.openqa.selenium.WebElement field :
        browser.driver().findElements(By.cssSelector("textarea, input"))) {
      String value = field.getDomProperty("value");
      if (value != null) {
        values.append(value).append('\n');
      }
    }
    return values.toString();
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
