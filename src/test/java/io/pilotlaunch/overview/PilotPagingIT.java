package io.pilotlaunch.overview;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_DEFINE_PILOT_SCOPE;
import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlaunch.pilot.PilotRuns;
import io.pilotlaunch.pilot.PilotRuns.PilotRun;
import io.pilotlaunch.process.Phase;
import io.pilotlaunch.signoff.MilestoneExport;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.teams.Team;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * GET /api/pilots and GET /pilots page and filter in SQL: every pilot once, newest first, a Link to
 * the next page, filters by status, phase and team, a 400 in words for what they do not take; and
 * the overview's "N of M items" is what the ticked document says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PilotPagingIT extends PostgresIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NEXT = Pattern.compile("^<([^>]+)>; rel=\"next\"$");

  @Autowired RuntimeService runtimeService;
  @Autowired PilotRuns runs;
  @Autowired MilestoneExport export;

  private String fresh;
  private String pastPreChecklist;
  private String ended;

  /** Three pilots, oldest first: one past its pre-checklist, one just started, one ended. */
  @BeforeAll
  void threePilotsAtDifferentStages() {
    pastPreChecklist = pilots.start("paging-past-pre");
    pilots.passPreChecklist(pastPreChecklist);
    fresh = pilots.start("paging-fresh");
    pilots.awaitTask(fresh, TASK_DEFINE_PILOT_SCOPE);
    ended = pilots.start("paging-ended");
    pilots.awaitTask(ended, TASK_DEFINE_PILOT_SCOPE);
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () -> {
              runtimeService.deleteProcessInstance(ended, "ended for the paging test");
              return true;
            });
  }

  @Test
  void pagesOfTwoWalkEveryPilotOnceNewestFirstAsOnePageDoes() throws Exception {
    HttpCalls asPm = as(Team.PRODUCT_MANAGEMENT);
    List<String> whole = walk(asPm, "/api/pilots?limit=200");
    List<String> inTwos = walk(asPm, "/api/pilots?limit=2");

    assertThat(inTwos).doesNotHaveDuplicates().isEqualTo(whole);
    assertThat(whole)
        .containsSubsequence("paging-ended", "paging-fresh", "paging-past-pre")
        .as("a team member sees what product management sees")
        .isEqualTo(walk(as(Team.QA_TESTING), "/api/pilots?limit=3"));
    ResponseEntity<String> first = asPm.get("/api/pilots?limit=1");
    assertThat(first.getHeaders().getFirst(HttpHeaders.LINK))
        .startsWith("</api/pilots?limit=1&after=")
        .endsWith(">; rel=\"next\"");
    assertThat(JSON.readTree(first.getBody()).isArray()).isTrue();
    assertThat(JSON.readTree(asPm.get("/api/pilots").getBody()).size())
        .as("50 by default")
        .isEqualTo(Math.min(50, whole.size()));
  }

  @Test
  void statusPhaseAndTeamFilterInTheQueryAndKeepTheirFiltersInTheNextLink() throws Exception {
    HttpCalls asPm = as(Team.PRODUCT_MANAGEMENT);

    assertThat(walk(asPm, "/api/pilots?status=active&limit=1"))
        .contains("paging-fresh", "paging-past-pre")
        .doesNotContain("paging-ended");
    assertThat(walk(asPm, "/api/pilots?status=finished"))
        .contains("paging-ended")
        .doesNotContain("paging-fresh", "paging-past-pre");
    // the pre-checklist's end may continue in a job
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(walk(asPm, "/api/pilots?phase=" + encode(Phase.PRE_CHECKLIST.title())))
                  .contains("paging-fresh")
                  .doesNotContain("paging-past-pre", "paging-ended");
              assertThat(walk(asPm, "/api/pilots?phase=" + Phase.ONBOARDING.name() + "&limit=1"))
                  .contains("paging-past-pre")
                  .doesNotContain("paging-fresh", "paging-ended");
            });
    ResponseEntity<String> filtered = asPm.get("/api/pilots?status=active&limit=1");
    assertThat(filtered.getHeaders().getFirst(HttpHeaders.LINK))
        .startsWith("</api/pilots?status=active&limit=1&after=");

    JsonNode freshView = JSON.readTree(asPm.get("/api/pilots/paging-fresh").getBody());
    String teamWithWork = freshView.path("openChecklistItems").get(0).path("team").asText();
    List<String> teamsWithWork = freshView.path("openChecklistItems").findValuesAsText("team");
    Team idle =
        java.util.Arrays.stream(Team.values())
            .filter(team -> !teamsWithWork.contains(team.groupId()))
            .findFirst()
            .orElseThrow();
    assertThat(walk(asPm, "/api/pilots?status=active&team=" + teamWithWork))
        .contains("paging-fresh");
    assertThat(walk(asPm, "/api/pilots?team=" + idle.groupId())).doesNotContain("paging-fresh");
  }

  @Test
  void whatAPageDoesNotTakeIsA400ThatSaysWhatItTakes() {
    HttpCalls asPm = as(Team.PRODUCT_MANAGEMENT);
    Map<String, String> refusals =
        Map.of(
            "status=paused", "status must be 'active' or 'finished'",
            "phase=Phase%209", "phase must be one of 'Milestone Pre-Checklist'",
            "team=nobody", "team must be a team's id",
            "limit=0", "limit must be a whole number from 1 to 200",
            "limit=201", "limit must be a whole number from 1 to 200",
            "limit=ten", "limit must be a whole number from 1 to 200",
            "after=not-a-cursor", "after must be the cursor of a next-page link");
    refusals.forEach(
        (query, words) -> {
          ResponseEntity<String> api = asPm.get("/api/pilots?" + query);
          assertThat(api.getStatusCode().value()).as(query).isEqualTo(400);
          assertThat(api.getBody()).as(query).contains(words);
          ResponseEntity<String> page = asPm.get("/pilots?" + query, "text/html");
          assertThat(page.getStatusCode().value()).as(query).isEqualTo(400);
          assertThat(page.getBody()).as(query).contains(words.replace("'", "&#39;"));
        });
  }

  @Test
  void theOverviewPagesWithFilterLinksAndANextPageLink() {
    HttpCalls asPm = as(Team.PRODUCT_MANAGEMENT);
    List<String> tenants = new ArrayList<>();
    String path = "/pilots?limit=1";
    for (int pages = 0; path != null && pages < 200; pages++) {
      String body = asPm.get(path, "text/html").getBody();
      Matcher tenant =
          Pattern.compile("<td data-label=\"Tenant\"><a href=\"/pilots/([^\"]+)\"").matcher(body);
      while (tenant.find()) {
        tenants.add(tenant.group(1));
      }
      Matcher next = Pattern.compile("<a href=\"(/pilots\\?[^\"]+)\">Next page</a>").matcher(body);
      path = next.find() ? next.group(1).replace("&amp;", "&") : null;
    }
    assertThat(tenants)
        .doesNotHaveDuplicates()
        .containsSubsequence("paging-ended", "paging-fresh", "paging-past-pre");

    String finished = asPm.get("/pilots?status=finished", "text/html").getBody();
    assertThat(finished)
        .contains("<strong>finished</strong>", "href=\"/pilots?status=active\"")
        .contains("href=\"/pilots?status=finished&amp;team=" + Team.QA_TESTING.groupId() + "\"")
        .contains("/pilots/paging-ended")
        .doesNotContain("/pilots/paging-fresh\"");
  }

  @Test
  void progressOnTheOverviewIsWhatTheTickedDocumentCounts() {
    HttpCalls asPm = as(Team.PRODUCT_MANAGEMENT);
    // twice: a finished pilot's count is kept the first time and read back the second
    for (int round = 0; round < 2; round++) {
      String body = asPm.get("/pilots?limit=200", "text/html").getBody();
      for (String pilot : List.of(fresh, pastPreChecklist, ended)) {
        PilotRun run = runs.findByProcessInstance(pilot).orElseThrow();
        String document = export.export(run);
        long ticked = document.lines().filter(line -> line.startsWith("- [x] ")).count();
        long boxes = ticked + document.lines().filter(line -> line.startsWith("- [ ] ")).count();
        String row = body.substring(body.indexOf("/pilots/" + run.tenantId() + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).as(run.tenantId()).contains(ticked + " of " + boxes + " items");
      }
    }
    PilotRun pastPre = runs.findByProcessInstance(pastPreChecklist).orElseThrow();
    assertThat(export.progress(pastPre).ticked())
        .as("the pre-checklist's boxes are ticked")
        .isGreaterThan(export.progress(runs.findByProcessInstance(fresh).orElseThrow()).ticked());
  }

  /** Every tenant id of every page, following the Link header from {@code path}. */
  private static List<String> walk(HttpCalls calls, String path) throws Exception {
    List<String> tenants = new ArrayList<>();
    for (int pages = 0; path != null; pages++) {
      assertThat(pages).as("pages of " + path).isLessThan(500);
      ResponseEntity<String> page = calls.get(path);
      assertThat(page.getStatusCode().value()).as(page.getBody()).isEqualTo(200);
      JSON.readTree(page.getBody()).forEach(pilot -> tenants.add(pilot.path("tenantId").asText()));
      String link = page.getHeaders().getFirst(HttpHeaders.LINK);
      if (link == null) {
        path = null;
      } else {
        Matcher next = NEXT.matcher(link);
        assertThat(next.matches()).as(link).isTrue();
        path = next.group(1);
      }
    }
    return tenants;
  }

  private HttpCalls as(Team team) {
    String user = users.memberOf(team, "paging-" + team.groupId());
    return http().as(user, passwordOf(user));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
