package io.pilotlaunch.overview;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_DEFINE_PILOT_SCOPE;
import static io.pilotlaunch.support.TestUsers.passwordOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.support.SqlRecorder;
import io.pilotlaunch.support.SqlRecorder.Statement;
import io.pilotlaunch.teams.Team;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The first page of GET /api/pilots and GET /pilots sends the same SQL beside 10,000 older finished
 * pilots as without them, and as many statements for three active pilots as for one. The older
 * pilots are rows of our table and of the engine's process instance history only (a real one writes
 * ~515 KB of history): enough for the paging query's plan, not a benchmark of their history. The
 * views' times at that size are the benchmark's (docs/benchmarks.md).
 */
class PilotListCostIT extends PostgresIntegrationTest {

  private static final int OLDER_PILOTS = 10_000;
  private static final String SYNTHETIC = "cost-older-";

  @Autowired SqlRecorder sql;
  @Autowired JdbcTemplate jdbc;

  @Test
  void theFirstPageSendsTheSameSqlBeside10000OlderPilots() {
    for (int i = 0; i < 3; i++) {
      pilots.awaitTask(pilots.start("cost-list-" + i), TASK_DEFINE_PILOT_SCOPE);
    }
    String pm = users.memberOf(Team.PRODUCT_MANAGEMENT, "cost-list-pm");
    HttpCalls asPm = http().as(pm, passwordOf(pm));
    List<Statement> apiAtFew = requestSql(asPm, "/api/pilots?limit=3", null);
    List<Statement> pageAtFew = requestSql(asPm, "/pilots?limit=3", "text/html");
    // every row is read for the whole page at once: three active pilots cost the statements of one
    for (String view :
        List.of("/api/pilots?status=active&limit=", "/pilots?status=active&limit=")) {
      String accept = view.startsWith("/pilots") ? "text/html" : null;
      assertThat(requestSql(asPm, view + 3, accept))
          .as(view + "3 against " + view + "1")
          .hasSameSizeAs(requestSql(asPm, view + 1, accept));
    }

    try {
      insertOlderFinishedPilots();
      List<Statement> apiAtMany = requestSql(asPm, "/api/pilots?limit=3", null);
      List<Statement> pageAtMany = requestSql(asPm, "/pilots?limit=3", "text/html");
      // the views' time at 20 and 10,000 pilots: the benchmark (docs/benchmarks.md)
      System.out.printf(
          "Statements of the first page of 3 (SQL ms): GET /api/pilots %d (%d), GET /pilots %d (%d)%n",
          apiAtMany.size(),
          apiAtMany.stream().mapToLong(Statement::millis).sum(),
          pageAtMany.size(),
          pageAtMany.stream().mapToLong(Statement::millis).sum());
      pageAtMany.stream()
          .sorted(java.util.Comparator.comparingLong(Statement::millis).reversed())
          .limit(3)
          .forEach(
              slow ->
                  System.out.printf(
                      "  %d ms: %s%n",
                      slow.millis(), slow.sql().substring(0, Math.min(160, slow.sql().length()))));
      Statement paging =
          pageAtMany.stream()
              .filter(s -> s.sql().contains("from pilot.pilot_run r"))
              .findFirst()
              .orElseThrow();
      jdbc.queryForList("explain analyze " + paging.sql(), String.class, paging.values().toArray())
          .forEach(line -> System.out.println("  plan: " + line));
      assertThat(apiAtMany)
          .extracting(Statement::sql)
          .isEqualTo(apiAtFew.stream().map(Statement::sql).toList());
      assertThat(pageAtMany)
          .extracting(Statement::sql)
          .isEqualTo(pageAtFew.stream().map(Statement::sql).toList());
    } finally {
      jdbc.update("delete from pilot.pilot_run where tenant_id like '" + SYNTHETIC + "%'");
      jdbc.update("delete from ACT_HI_PROCINST where ID_ like '" + SYNTHETIC + "%'");
    }
  }

  /** Finished a year and more ago, their progress kept, as after their first view. */
  private void insertOlderFinishedPilots() {
    Instant yearAgo = Instant.now().minus(400, ChronoUnit.DAYS);
    List<Object[]> runs = new ArrayList<>();
    List<Object[]> history = new ArrayList<>();
    IntStream.range(0, OLDER_PILOTS)
        .forEach(
            i -> {
              Timestamp started = Timestamp.from(yearAgo.minus(i, ChronoUnit.MINUTES));
              Timestamp ended =
                  Timestamp.from(yearAgo.minus(i, ChronoUnit.MINUTES).plus(30, ChronoUnit.DAYS));
              String id = SYNTHETIC + i;
              runs.add(new Object[] {id, id, started, ended});
              history.add(new Object[] {id, id, id, started, ended});
            });
    jdbc.batchUpdate(
        "insert into pilot.pilot_run (tenant_id, process_instance_id, status, started_by,"
            + " started_at, ended_at, milestone_status, progress_ticked, progress_boxes)"
            + " values (?, ?, 'COMPLETED', 'pm', ?, ?, 'Completed', 31, 31)",
        runs);
    jdbc.batchUpdate(
        "insert into ACT_HI_PROCINST (ID_, PROC_INST_ID_, BUSINESS_KEY_, PROC_DEF_ID_,"
            + " START_TIME_, END_TIME_, STATE_) values (?, ?, ?, 'MvpPilotLaunch:synthetic', ?, ?,"
            + " 'COMPLETED')",
        history);
    jdbc.execute("analyze pilot.pilot_run");
    jdbc.execute("analyze ACT_HI_PROCINST");
  }

  /** What the request's own thread sends, after a warm-up call. */
  private List<Statement> requestSql(HttpCalls calls, String path, String accept) {
    get(calls, path, accept);
    sql.recordEverywhere();
    get(calls, path, accept);
    return sql.stopEverywhere().stream().filter(s -> s.thread().startsWith("http-nio")).toList();
  }

  private static void get(HttpCalls calls, String path, String accept) {
    ResponseEntity<String> answer = accept == null ? calls.get(path) : calls.get(path, accept);
    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
  }
}
