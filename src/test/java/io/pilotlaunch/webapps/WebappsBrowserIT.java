package io.pilotlaunch.webapps;

import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.support.HeadlessChromium;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.teams.Team;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real Camunda webapps in a real browser, as a team member and an operator use them. */
class WebappsBrowserIT extends PostgresIntegrationTest {

  private static HeadlessChromium browser;

  @BeforeAll
  static void openBrowser() {
    browser = new HeadlessChromium();
  }

  @AfterAll
  static void closeBrowser() {
    browser.close();
  }

  @Test
  void aTeamMemberSeesItsTeamFilterAndMyTasksInTasklist() {
    String qa = users.memberOf(Team.QA_TESTING, "browser-qa");

    browser.logIn(url("/camunda/app/tasklist/default/"), qa, passwordOf(qa));

    browser.waitForText(Team.QA_TESTING.filterName());
    browser.waitForText("My tasks");
    assertThat(browser.pageText()).doesNotContain(Team.DEVOPS_SRE.filterName(), Team.ARCHITECTURE.filterName());
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

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
