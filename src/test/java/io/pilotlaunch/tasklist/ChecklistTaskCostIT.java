package io.pilotlaunch.tasklist;

import static io.pilotlaunch.support.PilotSteps.PRE_CHECKLIST;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a pilot start and a checklist task cost the database, counted, not timed (timing is the
 * benchmark's): the statements one start and one submit send, the history-detail rows a submit
 * writes, and the history rows and bytes of a start and of a checklist task (printed, for issue 20;
 * the bytes on disk grow by whole pages and are not asserted). Items of one pilot are worked in
 * parallel and keep their own fields (docs/adr/0014).
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

    // Counted warm, as the plain engine's are: a first start or submit after boot loads caches,
    // and the first start of all moves Milestone 6 to In Progress in the roadmap index.
    warmUp(work, starter);

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
          starter.postJson(
              "/api/pilots", PilotApi.startBodyOver(tenant, "2099-01-01", "2099-01-31"));
      List<SqlRecorder.Statement> start = onRequestThreads(sql.stopEverywhere());
      startStatements.add(start.size());
      // a task being created has no variables stored: nothing reads them (NewTaskVariables)
      assertThat(start)
          .extracting(statement -> statement.sql().replaceAll("\\s+", " "))
          .noneMatch(sql -> sql.contains("FROM ACT_RU_VARIABLE RES") && sql.contains("TASK_ID_ ="));
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
    List<Integer> listStatements = new ArrayList<>();
    List<Integer> claimStatements = new ArrayList<>();
    for (String pilot : pilots) {
      for (String key : PRE_CHECKLIST) {
        Task task = PilotDriver.awaitTask(taskService, pilot, key);
        Team team = work.teamOf(task);
        HttpCalls member = work.as(team);
        sql.recordEverywhere();
        ResponseEntity<String> listed =
            member.get(
                "/engine-rest/task?candidateGroup="
                    + team.groupId()
                    + "&unassigned=true&sortBy=created&sortOrder=desc&firstResult=0&maxResults=15");
        List<SqlRecorder.Statement> list = onRequestThreads(sql.stopEverywhere());
        assertThat(listed.getStatusCode().value()).as(listed.getBody()).isEqualTo(200);
        assertNoAuthorizationBookkeeping(list);
        // the query, and a read of each process definition on the page (tasks that tests before
        // this one left may be of other versions)
        assertThat(list.size())
            .as("statements of a list of tasks of %s", definitionsOn(listed.getBody()))
            .isLessThanOrEqualTo(1 + definitionsOn(listed.getBody()).size());
        listStatements.add(list.size());
        sql.recordEverywhere();
        ResponseEntity<String> claimed =
            member.postJson(
                "/engine-rest/task/" + task.getId() + "/claim",
                "{\"userId\": \"" + work.member(team) + "\"}");
        List<SqlRecorder.Statement> claim = onRequestThreads(sql.stopEverywhere());
        assertThat(claimed.getStatusCode().value()).as(claimed.getBody()).isEqualTo(204);
        assertNoAuthorizationBookkeeping(claim);
        claimStatements.add(claim.size());
        if (claimStatements.size() == 1) {
          System.out.println("COST one list's statements:\n" + outline(list));
          System.out.println("COST one claim's statements:\n" + outline(claim));
        }
        tasks.add(task);
      }
    }

    History afterStarts = history(pilots);
    List<Integer> submitStatements = new ArrayList<>();
    List<Integer> detailRows = new ArrayList<>();
    for (Task task : tasks) {
      HttpCalls member = work.as(work.teamOf(task));
      int detailsBefore = detailRows(task.getProcessInstanceId());
      sql.recordEverywhere();
      ResponseEntity<String> completed =
          member.postJson(
              "/engine-rest/task/" + task.getId() + "/complete",
              TeamWork.body(doneWithItsOwnEvidence(task)));
      List<SqlRecorder.Statement> statements = onRequestThreads(sql.stopEverywhere());
      assertThat(completed.getStatusCode().value()).as(completed.getBody()).isEqualTo(204);
      assertNoAuthorizationBookkeeping(statements);
      submitStatements.add(statements.size());
      if (submitStatements.size() == 1) {
        System.out.println("COST one submit's statements:\n" + outline(statements));
      }
      detailRows.add(detailRows(task.getProcessInstanceId()) - detailsBefore);
    }
    History afterSubmits = history(pilots);

    int n = tasks.size();
    System.out.printf(
        "COST statements per list %s%nCOST statements per claim %s%nCOST statements per start"
            + " %s%nCOST statements per submit %s%nCOST history-detail rows"
            + " per submit %s%nCOST history per start (its %d tasks created): %s%nCOST history per"
            + " submit: %s%nCOST history per checklist task, its share of the start included: %s%n",
        listStatements,
        claimStatements,
        startStatements,
        submitStatements,
        detailRows,
        PRE_CHECKLIST.size(),
        afterStarts.minus(beforeStarts, PILOTS),
        afterSubmits.minus(afterStarts, n),
        afterSubmits.minus(beforeStarts, n));

    // The items were worked in parallel: each kept its own fields, the pilot only their results.
    for (Task task : tasks) {
      assertThat(captured(task, "evidenceLink"))
          .as(task.getTaskDefinitionKey())
          .isEqualTo(doneWithItsOwnEvidence(task).get("evidenceLink"));
    }
    for (String pilot : pilots) {
      assertThat(runtimeService.getVariables(pilot))
          .doesNotContainKeys("done", "evidenceLink", "comment", "guide");
    }

    // Bounds (counted as sent: a JDBC batch is one statement). Before issue 20's change a
    // checklist submit sent 32 statements and wrote 6 history-detail rows, 41 and 7 for the one
    // that closes the pre-checklist and opens Phase 1; now 26 and 35 statements (no command looks
    // for revokes since ADR 0026), 25 and 34 since none reads every authorization's group (ADR
    // 0027), and no detail
    // row: each of its variables is written once, and only changes get one (VariableChangeHistory),
    // and a task created reads no variables of its own (NewTaskVariables; 30 per start, was 33,
    // two of them the roadmap gate reading the index).
    // Issue 20's plain
    // engine: 43 statements per submit (its REST API and auth included), 27 per start.
    for (int i = 0; i < n; i++) {
      boolean opensPhase1 = i % PRE_CHECKLIST.size() == PRE_CHECKLIST.size() - 1;
      assertThat(submitStatements.get(i))
          .as("statements of checklist submit %d", i)
          .isLessThanOrEqualTo(opensPhase1 ? 34 : 25);
      assertThat(detailRows.get(i))
          .as(
              "history-detail rows of checklist submit %d: its fields and result are first writes",
              i)
          .isZero();
    }
    assertThat(max(startStatements)).as("statements per start").isLessThanOrEqualTo(34);
    // a claim reads the task and its definition, checks, adds the claimer's grant on the task and
    // the task's history
    assertThat(max(claimStatements)).as("statements per claim").isLessThanOrEqualTo(15);
  }

  private static Set<String> definitionsOn(String tasks) {
    Set<String> definitions = new TreeSet<>();
    Matcher definition = Pattern.compile("\"processDefinitionId\":\"([^\"]+)\"").matcher(tasks);
    while (definition.find()) {
      definitions.add(definition.group(1));
    }
    return definitions;
  }

  /**
   * We grant, never revoke, so no command looks for revoke authorizations (application.yaml); and a
   * caller's groups go into a check as they are, so none reads every authorization's group first
   * (teams.EngineAuthorizationManager).
   */
  private static void assertNoAuthorizationBookkeeping(List<SqlRecorder.Statement> statements) {
    assertThat(statements)
        .extracting(statement -> statement.sql().replaceAll("\\s+", " "))
        .noneMatch(sql -> sql.contains("FROM ACT_RU_AUTHORIZATION WHERE TYPE_ = 2"))
        .noneMatch(sql -> sql.contains("distinct(A.GROUP_ID_) FROM ACT_RU_AUTHORIZATION"));
  }

  private void warmUp(TeamWork work, HttpCalls starter) {
    ResponseEntity<String> started =
        starter.postJson(
            "/api/pilots", PilotApi.startBodyOver("cost-warm-up", "2099-01-01", "2099-01-31"));
    assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(201);
    String pilot =
        runtimeService
            .createProcessInstanceQuery()
            .processInstanceBusinessKey("cost-warm-up")
            .singleResult()
            .getId();
    // each team's member once: a member's first call logs in (the login cache), later ones don't
    for (String key : PRE_CHECKLIST) {
      Task task = PilotDriver.awaitTask(taskService, pilot, key);
      ResponseEntity<String> completed =
          work.as(work.teamOf(task))
              .postJson(
                  "/engine-rest/task/" + task.getId() + "/complete",
                  TeamWork.body(doneWithItsOwnEvidence(task)));
      assertThat(completed.getStatusCode().value()).as(completed.getBody()).isEqualTo(204);
    }
  }

  /** Done, with evidence and a comment of this task alone: no other task may overwrite them. */
  private static Map<String, Object> doneWithItsOwnEvidence(Task task) {
    return Map.of(
        "done",
        true,
        "evidenceLink",
        "https://wiki.example.test/" + task.getId(),
        "comment",
        "done: " + task.getTaskDefinitionKey());
  }

  /** What the task captured: history keeps a field under the task's activity instance. */
  private Object captured(Task task, String field) {
    List<String> values =
        jdbc.queryForList(
            "select v.text_ from act_hi_varinst v join act_hi_taskinst t"
                + " on t.act_inst_id_ = v.act_inst_id_ where t.id_ = ? and v.name_ = ?",
            String.class,
            task.getId(),
            field);
    assertThat(values).as(task.getTaskDefinitionKey() + " " + field).hasSize(1);
    return values.get(0);
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
            .map(sql -> sql.length() > 160 ? sql.substring(0, 160) : sql)
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
      long rows, long rowBytes, long relationBytes, Map<String, Long> rowsByTable) {

    /** What was added since, per unit, in words. */
    String minus(History before, int units) {
      return String.format(
          "%.1f rows, %.0f row bytes, %.0f relation bytes (%d); rows by table %s",
          (rows - before.rows) / (double) units,
          (rowBytes - before.rowBytes) / (double) units,
          (relationBytes - before.relationBytes) / (double) units,
          units,
          perUnit(before.rowsByTable, rowsByTable, units));
    }
  }

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

  private static Map<String, String> perUnit(
      Map<String, Long> before, Map<String, Long> after, int units) {
    Map<String, String> perUnit = new TreeMap<>();
    after.forEach(
        (table, rows) -> {
          long delta = rows - before.getOrDefault(table, 0L);
          if (delta != 0) {
            perUnit.put(table, String.format("%.1f", delta / (double) units));
          }
        });
    return perUnit;
  }
}
