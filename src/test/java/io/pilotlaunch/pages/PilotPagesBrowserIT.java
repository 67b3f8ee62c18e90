package io.pilotlaunch.pages;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_DEFINE_PILOT_SCOPE;
import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pilotlaunch.support.BrowserIntegrationTest;
import io.pilotlaunch.support.HeadlessChromium.Exchange;
import io.pilotlaunch.teams.Team;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/** The pages in a real browser, as a person logged in to Tasklist reaches them: from a form. */
class PilotPagesBrowserIT extends BrowserIntegrationTest {

  @AfterEach
  void backToTheDesk() {
    browser.windowSize(1400, 1000);
  }

  @Test
  void aPersonLoggedInToTasklistFollowsTheFormsLinkToThePagesWithoutASecondLoginAndLogsOut() {
    String tenant = "pages-browser-session";
    String pilot = pilots.start(tenant);
    String taskId = pilots.awaitTask(pilot, TASK_DEFINE_PILOT_SCOPE).getId();
    String pm = users.memberOf(Team.PRODUCT_MANAGEMENT, "pages-browser-pm");
    browser.logIn(url("/camunda/app/tasklist/default/#/?task=" + taskId), pm, passwordOf(pm));
    browser.waitForText("Pilot scope, success metrics, and support coverage are defined");
    assertThat(browser.driver().manage().getCookieNamed("JSESSIONID").getSameSite())
        .as("the session cookie of the login, as the browser keeps it")
        .isEqualTo("Lax");
    String tasklist = browser.driver().getWindowHandle();
    browser.exchanges();

    browser.click(By.linkText("milestone document"));
    switchToTheNewestWindow();
    browser.waitForText("Signed in as " + pm);
    browser.screenshot("pages-from-tasklist");
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(url("/pilots/" + tenant));
    assertThat(browser.pageText()).contains("Milestone 6: MVP Pilot Launch", "Log out");
    assertThat(browser.exchanges())
        .as("the page opened on the Tasklist session: no 401, so no Basic prompt")
        .filteredOn(exchange -> exchange.url().contains("/pilots"))
        .extracting(Exchange::method, Exchange::url, Exchange::status)
        .containsExactly(tuple("GET", url("/pilots/" + tenant), 200));

    browser.click(By.linkText("All pilots"));
    browser.waitForText("Open items per team");
    assertThat(browser.pageText()).contains(tenant);

    browser.click(By.xpath("//button[normalize-space()='Log out']"));
    browser.waitFor(By.cssSelector("input[placeholder='Username']"));
    assertThat(browser.driver().getCurrentUrl()).startsWith(url("/camunda/app/tasklist/"));
    browser.driver().get(url("/pilots"));
    browser.waitFor(By.cssSelector("input[placeholder='Username']"));
    assertThat(browser.driver().getCurrentUrl())
        .as("logged out: the pages send the browser to the login")
        .startsWith(url("/camunda/app/tasklist/"));
    browser.driver().switchTo().window(tasklist);
    browser.driver().navigate().refresh();
    browser.waitFor(By.cssSelector("input[placeholder='Username']"));
  }

  @Test
  void thePagesReadOnAPhoneWithoutScrollingSideways() {
    String tenant = "pages-browser-phone-with-a-long-tenant-id";
    pilots.start(tenant);
    String qa = users.memberOf(Team.QA_TESTING, "pages-browser-qa");
    browser.logIn(url("/camunda/app/tasklist/default/"), qa, passwordOf(qa));
    browser.waitForText(Team.QA_TESTING.filterName());

    browser.windowSize(390, 844);
    browser.driver().get(url("/pilots"));
    browser.waitForText(tenant);
    browser.screenshot("pilots-phone");
    assertNoSidewaysScrolling("/pilots");

    browser.driver().get(url("/pilots/" + tenant));
    browser.waitForText("Milestone 6: MVP Pilot Launch");
    browser.screenshot("pilot-document-phone");
    assertNoSidewaysScrolling("/pilots/" + tenant);
  }

  private void assertNoSidewaysScrolling(String page) {
    JavascriptExecutor script = (JavascriptExecutor) browser.driver();
    long viewport = (Long) script.executeScript("return document.documentElement.clientWidth");
    long content = (Long) script.executeScript("return document.documentElement.scrollWidth");
    assertThat(viewport).as("the window is a phone's").isLessThanOrEqualTo(390);
    assertThat(content).as(page + " is as wide as the phone").isLessThanOrEqualTo(viewport);
  }

  private void switchToTheNewestWindow() {
    List<String> windows = new ArrayList<>(browser.driver().getWindowHandles());
    browser.driver().switchTo().window(windows.get(windows.size() - 1));
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
