package io.pilotlaunch.webapps;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_CONFIRM_ONBOARDING_PR_MERGED;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_EXECUTE_ONBOARDING_VERIFICATION;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_RUN_ONBOARDING_VERIFICATION;
import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.support.BrowserIntegrationTest;
import io.pilotlaunch.support.HeadlessChromium.Exchange;
import io.pilotlaunch.support.PilotSteps;
import io.pilotlaunch.support.TenantHealthServer;
import io.pilotlaunch.teams.Team;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Operators in Cockpit, in a real browser: the technical owner finds a pilot by its tenant, reads
 * what failed and retries it; the milestone owner reads the same and cannot retry; a user of one
 * tenant sees that tenant's pilot only.
 */
class CockpitBrowserIT extends BrowserIntegrationTest {

  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;

  @Test
  void theTechnicalOwnerFindsAPilotByItsTenantReadsItsIncidentAndRetriesIt() {
    String tenant = "cockpit-retry";
    String pilot = pilots.start(tenant);
    Incident incident = failOnboardingVerification(tenant, pilot);
    String sre = users.memberOf(Team.DEVOPS_SRE, "cockpit-sre");

    findThePilotInCockpit(sre, tenant, pilot);
    openItsIncidents();
    browser.screenshot("cockpit-incident");
    assertThat(browser.pageText()).contains("Tenant health check failed: GET ", "HTTP 503");

    TenantHealthServer.makeHealthy(tenant); // the cause is fixed: now the retry can succeed
    browser.exchanges(); // only the retry's requests from here on
    retryTheIncident();
    browser.waitForText("has been incremented successfully");
    browser.screenshot("cockpit-retried");

    List<Exchange> retries =
        browser.exchanges().stream().filter(request -> request.url().contains("/retries")).toList();
    assertThat(retries)
        .as("what Cockpit's Retry sends: the retries, and no new due date")
        .singleElement()
        .satisfies(
            retry -> {
              assertThat(retry.method()).isEqualTo("PUT");
              assertThat(retry.url())
                  .endsWith(
                      "/camunda/api/engine/engine/default/job/"
                          + incident.getConfiguration()
                          + "/retries");
              assertThat(retry.body()).isEqualTo("{\"retries\":1}");
              assertThat(retry.status()).isEqualTo(204);
            });
    pilots.awaitTask(pilot, TASK_EXECUTE_ONBOARDING_VERIFICATION);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(pilot).count()).isZero();
  }

  @Test
  void theMilestoneOwnerSeesThePilotAndItsIncidentButCannotRetryIt() {
    String tenant = "cockpit-pm";
    String pilot = pilots.start(tenant);
    Incident incident = failOnboardingVerification(tenant, pilot);
    String pm = users.memberOf(Team.PRODUCT_MANAGEMENT, "cockpit-pm");

    findThePilotInCockpit(pm, tenant, pilot);
    openItsIncidents();
    assertThat(browser.pageText()).contains("Tenant health check failed: GET ");
    TenantHealthServer.makeHealthy(tenant);
    retryTheIncident();
    browser.waitForText("could not be incremented successfully");
    browser.screenshot("cockpit-retry-refused");

    Job job = managementService.createJobQuery().jobId(incident.getConfiguration()).singleResult();
    assertThat(job.getRetries()).as("the milestone owner's retry changed nothing").isZero();
    assertThat(runtimeService.createIncidentQuery().processInstanceId(pilot).count()).isOne();
  }

  @Test
  void aUserOfOneTenantSeesOnlyThatPilotInCockpit() {
    String pilotA = pilots.start("cockpit-tenant-a");
    pilots.start("cockpit-tenant-b");
    String observer = "cockpit-tenant-a-observer";
    if (identityService.createUserQuery().userId(observer).count() == 0) {
      User user = identityService.newUser(observer);
      user.setFirstName("Observer");
      user.setLastName("of tenant A");
      user.setPassword(passwordOf(observer));
      identityService.saveUser(user);
      identityService.createTenantUserMembership("cockpit-tenant-a", observer);
      grant(observer, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
      grant(
          observer,
          Resources.PROCESS_DEFINITION,
          MvpPilotLaunchProcess.PROCESS_ID,
          ProcessDefinitionPermissions.READ,
          ProcessDefinitionPermissions.READ_INSTANCE);
    }

    browser.logIn(url("/camunda/app/cockpit/default/#/processes"), observer, passwordOf(observer));
    browser.click(By.linkText("Milestone 6: MVP Pilot Launch"));
    browser.waitFor(By.cssSelector("a[href*='#/process-instance/" + pilotA + "']"));
    browser.screenshot("cockpit-tenant-user");
    assertThat(browser.pageText()).contains("cockpit-tenant-a").doesNotContain("cockpit-tenant-b");

    searchByBusinessKey("cockpit-tenant-b");
    browser.waitForText("No process instances matched");
  }

  /**
   * The tenant's health answers 503; the pilot reaches onboarding verification, whose job fails
   * until its retries are used up: an incident.
   */
  private Incident failOnboardingVerification(String tenant, String pilot) {
    TenantHealthServer.makeUnhealthy(tenant);
    pilots.passPreChecklist(pilot);
    pilots.complete(pilot, TASK_CONFIRM_ONBOARDING_PR_MERGED, PilotSteps.done());
    return await("an incident on the verification of " + tenant)
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                runtimeService
                    .createIncidentQuery()
                    .processInstanceId(pilot)
                    .activityId(TASK_RUN_ONBOARDING_VERIFICATION)
                    .singleResult(),
            found -> found != null);
  }

  /** Processes → Milestone 6 → search by business key (the tenant) → the pilot's page. */
  private void findThePilotInCockpit(String userId, String tenant, String pilot) {
    browser.logIn(url("/camunda/app/cockpit/default/#/processes"), userId, passwordOf(userId));
    browser.click(By.linkText("Milestone 6: MVP Pilot Launch"));
    searchByBusinessKey(tenant);
    By thePilot = By.cssSelector("a[href*='#/process-instance/" + pilot + "']");
    browser.waitFor(thePilot);
    browser.screenshot("cockpit-found-" + tenant);
    browser.click(thePilot);
    browser.waitForText("Business Key");
  }

  /** Cockpit's instance search: a plain text is a business key. */
  private void searchByBusinessKey(String businessKey) {
    browser.typeAndEnter(By.cssSelector("[cam-widget-search] input.main-field"), businessKey);
  }

  private void openItsIncidents() {
    browser.click(By.xpath("//ul[contains(@class, 'nav-tabs')]//a[normalize-space()='Incidents']"));
    browser.waitForText("Failed Job");
  }

  private void retryTheIncident() {
    browser.click(By.cssSelector(".incidents-tab .action-button"));
    browser.click(
        By.xpath("//div[contains(@class, 'modal-footer')]//button[normalize-space()='Retry']"));
  }

  private void grant(
      String userId, Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization =
        authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    authorization.setUserId(userId);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    for (Permission permission : permissions) {
      authorization.addPermission(permission);
    }
    authorizationService.saveAuthorization(authorization);
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
