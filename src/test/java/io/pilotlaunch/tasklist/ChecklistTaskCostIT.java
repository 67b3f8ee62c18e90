package io.pilotlaunch.tasklist;

import static io.pilotlaunch.support.PilotSteps.PRE_CHECKLIST;
import static io.pilotlaunch.support.PilotSteps.done;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PilotApi;
import io.pilotlaunch.support.PilotDriver;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.support.SqlRecorder;
import io.pilotlaunch.support.TeamWork;
import io.pilotlaunch.support.TestUsers;
import io.pilotlaunch.teams.Team;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a pilot start and a checklist task cost the database, counted, not timed (timing is the
 * benchmark's): the statements one start and one submit send, and the history rows and bytes one
 * checklist task leaves. The bounds are the figures of issue 20's plain engine with some room; see
 * docs/adr/0014.
 */
class ChecklistTaskCostIT extends PostgresIntegrationTest {

  /** Enough tasks that the relation-size delta (whole 8 KB pages) says something per task. */
  private static final int PILOTS = 8;

  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired SqlRecorder sql;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aStartAndAChecklistSubmitCostAboutWhatThePlainEngineDoes() {
    TeamWork work = new TeamWork(http(), users, taskService, "cost");
    String pm = users.memberOf(Team.PRODUCT_MANAGEMENT, "cost-starter-pm");
    HttpCalls starter = http().as(pm, TestUsers.passwordOf(pm));

    List<Integer> startStatements = new ArrayList<>();
    List<String> tenants = new ArrayList<>();
    for (int i = 0; i < PILOTS; i++) {
      tenants.add("cost-" + i);
    }
    History beforeStarts = history(List.of()); // no rows of theirs yet; the tables' size
    List<String> pilots = new ArrayList<>();
    for (String tenant : tenants) {
      sql.recordEverywhere();
      ResponseEntity<String> started =
          starter.postJson("/api/pilots", PilotApi.startBodyOver(tenant, "2099-01-01", "2099-01-31"));
      List<SqlRecorder.Statement> start = onRequestThreads(sql.stopEverywhere());
      startStatements.add(start.size());
      if (tenant.equals(tenants.get(tenants.size() - 1))) {
        System.out.println("COST one start's statements:\n" + outline(start));
      }
      assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(201);
      pilots.add(
          runtimeService
              .createProcessInstanceQuery()
              .processInstanceBusinessKey(tenant)
              .singleResult()
              .getId());
    }

    // every pre-checklist task of every pilot open, claimed, before the history is measured
    List<Task> tasks = new ArrayList<>();
    for (String pilot : pilots) {
      for (String key : PRE_CHECKLIST) {
        Task task = PilotDriver.awaitTask(taskService, pilot, key);
        Team team = work.teamOf(task);
        ResponseEntity<String> claimed =
            work.as(team)
                .postJson(
                    "/engine-rest/task/" + task.getId() + "/claim",
                    "{\"userId\": \"" + work.member(team) + "\"}");
        assertThat(claimed.getStatusCode().value()).as(claimed.getBody()).isEqualTo(204);
        tasks.add(task);
      }
    }

    History afterStarts = history(pilots);
    History before = afterStarts;
    List<Integer> submitStatements = new ArrayList<>();
    List<Integer> detailRows = new ArrayList<>();
    for (Task task : tasks) {
      HttpCalls member = work.as(work.teamOf(task));
      int detailsBefore = detailRows(task.getProcessInstanceId());
      sql.recordEverywhere();
      ResponseEntity<String> completed =
          member.postJson(
              "/engine-rest/task/" + task.getId() + "/complete", TeamWork.body(done()));
      List<SqlRecorder.Statement> statements = onRequestThreads(sql.stopEverywhere());
      assertThat(completed.getStatusCode().value()).as(completed.getBody()).isEqualTo(204);
      submitStatements.add(statements.size());
      if (submitStatements.size() == 1) {
        System.out.println("COST one submit's statements:\n" + outline(statements));
      }
      detailRows.add(detailRows(task.getProcessInstanceId()) - detailsBefore);
    }
    History after = history(pilots);

    int n = tasks.size();
    System.out.printf(
        "COST history per start: %.1f rows, %.0f row bytes, %.0f relation bytes; by table %s%n",
        (afterStarts.rows - beforeStarts.rows) / (double) PILOTS,
        (afterStarts.rowBytes - beforeStarts.rowBytes) / (double) PILOTS,
        (afterStarts.relationBytes - beforeStarts.relationBytes) / (double) PILOTS,
        perTask(beforeStarts.rowsByTable, afterStarts.rowsByTable, PILOTS));
    double rowsPerTask = (after.rows - before.rows) / (double) n;
    double rowBytesPerTask = (after.rowBytes - before.rowBytes) / (double) n;
    double relationBytesPerTask = (after.relationBytes - before.relationBytes) / (double) n;
    System.out.printf(
        "COST start statements %s%nCOST submit statements %s%nCOST history-detail rows per submit"
            + " %s%nCOST history per checklist task: %.1f rows, %.0f row bytes, %.0f relation"
            + " bytes (%d tasks)%nCOST history rows by table per task: %s%n",
        startStatements,
        submitStatements,
        detailRows,
        rowsPerTask,
        rowBytesPerTask,
        relationBytesPerTask,
        n,
        perTask(before.rowsByTable, after.rowsByTable, n));

    // Bounds: issue 20's plain engine sends 43 statements per submit and 27 per start (its REST
    // API, its own auth); a checklist submit writes one result and its form's fields.
    assertThat(max(submitStatements)).as("statements per checklist submit").isLessThanOrEqualTo(45);
    assertThat(max(detailRows)).as("history-detail rows per checklist submit").isLessThanOrEqualTo(5);
    assertThat(max(startStatements)).as("statements per start").isLessThanOrEqualTo(120);
  }

  /** The statements the app's request threads sent (not the job executor's, not this thread's). */
  private static List<SqlRecorder.Statement> onRequestThreads(List<SqlRecorder.Statement> all) {
    return all.stream().filter(statement -> statement.thread().startsWith("http-nio")).toList();
  }

  private static String outline(List<SqlRecorder.Statement> statements) {
    return String.join(
        "\n",
        statements.stream()
            .map(statement -> statement.sql().replaceAll("\\s+", " "))
            .map(sql -> sql.length() > 110 ? sql.substring(0, 110) : sql)
            .toList());
  }

  private static int max(List<Integer> figures) {
    return figures.stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  private int detailRows(String processInstanceId) {
    return jdbc.queryForObject(
        "select count(*) from act_hi_detail where proc_inst_id_ = ?",
        Integer.class,
        processInstanceId);
  }

  private record History(
      long rows, long rowBytes, long relationBytes, Map<String, Long> rowsByTable) {}

  /**
   * The history rows of these pilots, table by table, with their size as stored (pg_column_size of
   * the row), and the size of the history tables on disk (with indexes and TOAST), which grows by
   * whole pages. History byte arrays count where they are: act_ge_bytearray rows of type 3.
   */
  private History history(List<String> pilots) {
    String ids = "'" + String.join("','", pilots) + "'";
    List<String> tables =
        jdbc.queryForList(
            "select c.table_name from information_schema.columns c where c.table_name like 'act_hi_%'"
                + " and c.column_name = 'proc_inst_id_' and c.table_schema = current_schema()",
            String.class);
    long rows = 0;
    long bytes = 0;
    Map<String, Long> byTable = new TreeMap<>();
    for (String table : tables) {
      Map<String, Object> row =
          jdbc.queryForMap(
              "select count(*) as n, coalesce(sum(pg_column_size(t.*)), 0) as b from "
                  + table
                  + " t where proc_inst_id_ in ("
                  + ids
                  + ")");
      long n = ((Number) row.get("n")).longValue();
      rows += n;
      bytes += ((Number) row.get("b")).longValue();
      byTable.put(table, n);
    }
    Map<String, Object> arrays =
        jdbc.queryForMap(
            "select count(*) as n, coalesce(sum(pg_column_size(b.*)), 0) as b from act_ge_bytearray b"
                + " where type_ = 3 and root_proc_inst_id_ in ("
                + ids
                + ")");
    rows += ((Number) arrays.get("n")).longValue();
    bytes += ((Number) arrays.get("b")).longValue();
    byTable.put("act_ge_bytearray(history)", ((Number) arrays.get("n")).longValue());
    Long relations =
        jdbc.queryForObject(
            "select sum(pg_total_relation_size(c.oid)) from pg_class c join pg_namespace s on"
                + " s.oid = c.relnamespace where s.nspname = current_schema() and c.relkind = 'r'"
                + " and (c.relname like 'act_hi_%' or c.relname = 'act_ge_bytearray')",
            Long.class);
    return new History(rows, bytes, relations, byTable);
  }

  private static Map<String, String> perTask(
      Map<String, Long> before, Map<String, Long> after, int n) {
    Map<String, String> perTask = new TreeMap<>();
    after.forEach(
        (table, rows) -> {
          long delta = rows - before.getOrDefault(table, 0L);
          if (delta != 0) {
            perTask.put(table, String.format("%.1f", delta / (double) n));
          }
        });
    return perTask;
  }
}
