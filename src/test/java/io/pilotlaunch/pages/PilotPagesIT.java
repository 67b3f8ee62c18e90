package io.pilotlaunch.pages;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_CONFIRM_ONBOARDING_PR_MERGED;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_DEFINE_PILOT_SCOPE;
import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PilotApi;
import io.pilotlaunch.support.PilotSteps;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.support.TenantHealthServer;
import io.pilotlaunch.support.WebappSession;
import io.pilotlaunch.teams.Team;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * /pilots and /pilots/{tenantId} over real HTTP: what they show, that user text stays text, who may
 * open them with which login, and what they let a browser do.
 */
class PilotPagesIT extends PostgresIntegrationTest {

  /** What Chromium sends for a page. */
  private static final String BROWSER =
      "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;

  @Test
  void thePilotPageShowsTheTickedDocumentWithClickableEvidenceAndEscapedText() {
    String tenant = "pages-doc";
    String pilot = pilots.start(tenant);
    String pm = users.memberOf(Team.PRODUCT_MANAGEMENT, "pages-pm");
    HttpCalls asPm = http().as(pm, passwordOf(pm));
    Task scope = pilots.awaitTask(pilot, TASK_DEFINE_PILOT_SCOPE);
    ResponseEntity<String> commented =
        asPm.postJson(
            "/engine-rest/task/" + scope.getId() + "/comment/create",
            "{\"message\": \"<script>alert('x')</script> scope agreed\"}");
    assertThat(commented.getStatusCode().value()).as(commented.getBody()).isEqualTo(200);
    Map<String, Object> done = new LinkedHashMap<>(PilotSteps.done());
    done.put("evidenceLink", "https://wiki.example.test/pilot/scope?v=1&x=2");
    pilots.complete(pilot, TASK_DEFINE_PILOT_SCOPE, done);

    ResponseEntity<String> page = asPm.get("/pilots/" + tenant, "text/html");

    assertThat(page.getStatusCode().value()).as(page.getBody()).isEqualTo(200);
    assertThat(page.getHeaders().getContentType().toString()).startsWith("text/html");
    assertThat(page.getBody())
        .contains(
            "<li>[x] Pilot scope, success metrics, and support coverage are defined.",
            "Done by ",
            "href=\"https://wiki.example.test/pilot/scope?v=1&amp;x=2\"",
            "&lt;script&gt;alert(",
            "Comment by " + pm)
        .doesNotContain("<script>", "href=\"./m5", "href=\"../adr", "<a id=\"m6-phase-1\">");
  }

  @Test
  void thePilotsPageListsEachPilotWithProgressOpenWorkAndSlaClocks() {
    String tenant = "pages-list";
    String pilot = pilots.start(tenant);
    pilots.passPreChecklist(pilot);
    pilots.passPhase1(pilot);
    String qa = users.memberOf(Team.QA_TESTING, "pages-qa");
    HttpCalls asQa = http().as(qa, passwordOf(qa));
    assertThat(
            asQa.postJson(
                    "/api/pilots/" + tenant + "/issues",
                    PilotApi.issueBody("PAGE-1", "critical", "backend", "checkout"))
                .getStatusCode()
                .value())
        .isEqualTo(201);

    ResponseEntity<String> page = asQa.get("/pilots", "text/html");

    assertThat(page.getStatusCode().value()).as(page.getBody()).isEqualTo(200);
    String row = page.getBody().substring(page.getBody().indexOf("/pilots/" + tenant));
    row = row.substring(0, row.indexOf("</tr>"));
    assertThat(row)
        .contains(
            "Phase 2: Pilot Execution and Support",
            "of 31 items",
            Team.PRODUCT_MANAGEMENT.groupId() + ": 2",
            "PAGE-1 (critical): first response due in ",
            "data-label=\"Milestone 7\">not yet</td>", // no hand-off to Milestone 7 before the
            // milestone review
            "/camunda/app/cockpit/default/#/process-instance/" + pilot + "/runtime",
            "/api/pilots/" + tenant + "/summary");
    assertThat(http().get("/pilots").getStatusCode().value())
        .as("a script without credentials")
        .isEqualTo(401);
  }

  @Test
  void thePilotsPageSaysWhatFailedAndLinksToItInCockpit() {
    String tenant = "pages-incident";
    String pilot = pilots.start(tenant);
    TenantHealthServer.makeUnhealthy(tenant);
    try {
      pilots.passPreChecklist(pilot);
      pilots.complete(pilot, TASK_CONFIRM_ONBOARDING_PR_MERGED, PilotSteps.done());
      await("an incident on the verification")
          .atMost(Duration.ofSeconds(60))
          .until(() -> runtimeService.createIncidentQuery().processInstanceId(pilot).count() == 1);
    } finally {
      TenantHealthServer.makeHealthy(tenant);
    }
    String pm = users.memberOf(Team.PRODUCT_MANAGEMENT, "pages-pm");
    HttpCalls asPm = http().as(pm, passwordOf(pm));

    String page = asPm.get("/pilots", "text/html").getBody();

    String row = page.substring(page.indexOf("/pilots/" + tenant));
    row = row.substring(0, row.indexOf("</tr>"));
    assertThat(row)
        .contains(
            "Run automated onboarding verification</span>: Tenant health check failed: GET ",
            "HTTP 503",
            "href=\"/camunda/app/cockpit/default/#/process-instance/"
                + pilot
                + "/runtime?tab=incidents-tab\">Open in Cockpit</a>");
    assertThat(asPm.get("/pilots/" + tenant, "text/html").getBody())
        .contains("Incidents: <span class=\"overdue\">Run automated onboarding verification");
  }

  @Test
  void aPersonLoggedInToTasklistOpensThePagesWithoutASecondLogin() {
    String tenant = "pages-session";
    pilots.start(tenant);
    String qa = users.memberOf(Team.QA_TESTING, "pages-session-qa");
    WebappSession tasklist = WebappSession.logIn(baseUrl(), qa, passwordOf(qa));

    ResponseEntity<String> page = tasklist.get("/pilots/" + tenant, BROWSER);

    assertThat(page.getStatusCode().value()).as(page.getBody()).isEqualTo(200);
    assertThat(page.getBody())
        .contains("Signed in as " + qa, "<button type=\"submit\">Log out</button>", tenant);
    ResponseEntity<String> list = tasklist.get("/pilots", "application/json");
    assertThat(list.getStatusCode().value()).as(list.getBody()).isEqualTo(200);
    ResponseEntity<String> markdown =
        tasklist.get("/api/pilots/" + tenant + "/milestone.md", "text/markdown");
    assertThat(markdown.getStatusCode().value())
        .as("the page's links to the pilot's API reads open too")
        .isEqualTo(200);
    ResponseEntity<String> write =
        tasklist.send("POST", "/api/pilots/" + tenant + "/feedback", "{}");
    assertThat(write.getStatusCode().value())
        .as("but no write of the API accepts the session's cookie")
        .isEqualTo(401);
  }

  @Test
  void withoutALoginABrowserIsSentToTheWebappsLoginAndAScriptGets401() {
    ResponseEntity<String> browser = http().get("/pilots/any-tenant", BROWSER);
    assertThat(browser.getStatusCode().value()).isEqualTo(302);
    assertThat(browser.getHeaders().getLocation().getPath())
        .isEqualTo("/camunda/app/tasklist/default/");

    ResponseEntity<String> script = http().get("/pilots/any-tenant", "application/json");
    assertThat(script.getStatusCode().value()).isEqualTo(401);
    assertThat(script.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic ");
    assertThat(script.getHeaders().getContentType().toString())
        .startsWith("application/problem+json");
  }

  @Test
  void loggingOutEndsTheWebappsSessionAndNeedsTheTokenOfThatSession() {
    String pm = users.memberOf(Team.PRODUCT_MANAGEMENT, "pages-logout-pm");
    WebappSession session = WebappSession.logIn(baseUrl(), pm, passwordOf(pm));
    String page = session.get("/pilots", BROWSER).getBody();
    Matcher token = Pattern.compile("name=\"token\" value=\"([0-9a-f]+)\"").matcher(page);
    assertThat(token.find()).as(page).isTrue();

    ResponseEntity<String> forged = session.postForm("/pilots/logout", "token=" + "0".repeat(48));
    assertThat(forged.getStatusCode().value()).isEqualTo(403);
    assertThat(forged.getBody()).contains("This logout form is not from your session");
    assertThat(session.get("/pilots", BROWSER).getStatusCode().value())
        .as("still logged in")
        .isEqualTo(200);

    ResponseEntity<String> logout = session.postForm("/pilots/logout", "token=" + token.group(1));
    assertThat(logout.getStatusCode().value()).isEqualTo(303);
    assertThat(logout.getHeaders().getLocation().getPath())
        .isEqualTo("/camunda/app/tasklist/default/");
    assertThat(session.get("/pilots", BROWSER).getStatusCode().value())
        .as("logged out of the pages")
        .isEqualTo(302);
    assertThat(
            session
                .get("/camunda/api/admin/auth/user/default", "application/json")
                .getStatusCode()
                .value())
        .as("and of the webapps")
        .isEqualTo(404);
  }

  @Test
  void anUnknownTenantIsAPageForBrowsersAndAProblemForScripts() {
    String pm = users.memberOf(Team.PRODUCT_MANAGEMENT, "pages-pm");
    HttpCalls asPm = http().as(pm, passwordOf(pm));

    ResponseEntity<String> page = asPm.get("/pilots/no-such-tenant", BROWSER);
    assertThat(page.getStatusCode().value()).isEqualTo(404);
    assertThat(page.getHeaders().getContentType().toString()).startsWith("text/html");
    assertThat(page.getBody())
        .startsWith("<!DOCTYPE html>")
        .contains(
            "<h1>Not Found</h1>", "No pilot for tenant &#39;no-such-tenant&#39;", "All pilots");

    ResponseEntity<String> problem = asPm.get("/pilots/no-such-tenant", "application/json");
    assertThat(problem.getStatusCode().value()).isEqualTo(404);
    assertThat(problem.getHeaders().getContentType().toString())
        .startsWith("application/problem+json");
    assertThat(problem.getBody()).contains("\"detail\":\"No pilot for tenant 'no-such-tenant'\"");
  }

  @Test
  void thePagesAllowNoScriptNoFramingAndNoReferrerToOtherSites() throws Exception {
    String tenant = "pages-headers";
    pilots.start(tenant);
    String pm = users.memberOf(Team.PRODUCT_MANAGEMENT, "pages-pm");
    HttpCalls asPm = http().as(pm, passwordOf(pm));

    for (ResponseEntity<String> answer :
        List.of(
            asPm.get("/pilots", BROWSER),
            asPm.get("/pilots/" + tenant, BROWSER),
            asPm.get("/pilots/no-such-tenant", BROWSER),
            http().get("/pilots", BROWSER))) {
      HttpHeaders headers = answer.getHeaders();
      String policy = headers.getFirst("Content-Security-Policy");
      assertThat(policy)
          .contains("default-src 'none'", "frame-ancestors 'none'", "form-action 'self'")
          .doesNotContain("script-src", "unsafe-inline", "unsafe-eval");
      assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("DENY");
      assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("same-origin");
      assertThat(headers.getFirst("Cache-Control")).isEqualTo("no-store");
    }

    // The policy allows the pages' own style, by its hash, so a browser applies it.
    String page = asPm.get("/pilots/" + tenant, BROWSER).getBody();
    String style = page.substring(page.indexOf("<style>") + 7, page.indexOf("</style>"));
    String hash =
        Base64.getEncoder()
            .encodeToString(
                MessageDigest.getInstance("SHA-256")
                    .digest(style.getBytes(StandardCharsets.UTF_8)));
    assertThat(asPm.get("/pilots", BROWSER).getHeaders().getFirst("Content-Security-Policy"))
        .contains("style-src 'sha256-" + hash + "'");
    assertThat(page).doesNotContain("<script", " style=\"", "onclick");
  }

  /**
   * Every cookie of a webapps' login carries SameSite once: the session before and after the login
   * (a new one) and the CSRF token.
   */
  @Test
  void everyCookieOfAWebappsLoginIsSameSite() {
    String pm = users.memberOf(Team.PRODUCT_MANAGEMENT, "pages-cookie-pm");
    List<String> setCookies = new ArrayList<>();

    ResponseEntity<String> before = http().get("/camunda/app/tasklist/default/", BROWSER);
    setCookies.addAll(before.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE));
    String session = cookie(setCookies, "JSESSIONID");
    String csrf = cookie(setCookies, "XSRF-TOKEN");
    ResponseEntity<String> login =
        http()
            .withHeader("Cookie", "JSESSIONID=" + session)
            .withHeader("X-XSRF-TOKEN", csrf)
            .post(
                "/camunda/api/admin/auth/user/default/login/tasklist",
                "application/x-www-form-urlencoded",
                "username=" + pm + "&password=" + passwordOf(pm));
    assertThat(login.getStatusCode().value()).isEqualTo(200);
    List<String> loginCookies = login.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE);
    setCookies.addAll(loginCookies);
    String loggedIn = cookie(loginCookies, "JSESSIONID");
    assertThat(loggedIn).as("the login renews the session").isNotEqualTo(session);
    setCookies.addAll(
        http()
            .withHeader("Cookie", "JSESSIONID=" + loggedIn)
            .get("/camunda/api/admin/auth/user/default")
            .getHeaders()
            .getOrEmpty(HttpHeaders.SET_COOKIE));

    assertThat(setCookies)
        .extracting(header -> header.substring(0, header.indexOf('=')))
        // in any order: the session's cookie is written when the answer is sent (Spring Session)
        .containsExactlyInAnyOrder("JSESSIONID", "XSRF-TOKEN", "JSESSIONID", "XSRF-TOKEN");
    assertThat(setCookies)
        .allSatisfy(
            header ->
                assertThat(attributes(header))
                    .as(header)
                    .filteredOn(attribute -> attribute.toLowerCase().startsWith("samesite="))
                    .containsExactly("SameSite=Lax"));
  }

  private static String cookie(List<String> setCookies, String name) {
    return setCookies.stream()
        .filter(header -> header.startsWith(name + "="))
        .map(header -> header.substring(name.length() + 1, header.indexOf(';')))
        .reduce((first, second) -> second)
        .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + setCookies));
  }

  private static List<String> attributes(String setCookie) {
    return Arrays.stream(setCookie.split(";")).skip(1).map(String::trim).toList();
  }

  private String baseUrl() {
    return "http://localhost:" + port;
  }
}
