package io.pilotlaunch.pilot;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_DEFINE_PILOT_SCOPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlaunch.support.PostgresIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * History cleanup as configured: pilots that ended longer ago than the models' time to live (P180D)
 * lose their engine history and our rows, and the database shrinks back; a pilot that ended
 * recently and one still running keep everything. The old pilots are ended with the engine's clock
 * set 200 days back (ClockUtil), so their removal time lies 20 days in the past.
 */
class HistoryCleanupIT extends PostgresIntegrationTest {

  private static final int OLD_PILOTS = 8;

  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired PilotRunCleanup cleanup;
  @Autowired JdbcTemplate jdbc;
  @Autowired PilotRuns runs;

  @Test
  void pilotsEndedBeyondTheTimeToLiveAreRemovedAndTheDatabaseShrinksBack() {
    long before = bytesOfHistoryAndOurTables();
    List<String> old = new ArrayList<>();
    for (int i = 0; i < OLD_PILOTS; i++) {
      String tenant = "cleanup-old-" + i;
      String pilot = pilots.start(tenant);
      pilots.awaitTask(pilot, TASK_DEFINE_PILOT_SCOPE);
      ourRowsBesideTheRun(pilot, i);
      old.add(pilot);
    }
    String recent = pilots.start("cleanup-recent");
    pilots.awaitTask(recent, TASK_DEFINE_PILOT_SCOPE);
    String active = pilots.start("cleanup-active");
    pilots.awaitTask(active, TASK_DEFINE_PILOT_SCOPE);
    try {
      ClockUtil.setCurrentTime(Date.from(Instant.now().minus(200, ChronoUnit.DAYS)));
      old.forEach(this::end);
    } finally {
      ClockUtil.reset();
    }
    end(recent);
    long populated = bytesOfHistoryAndOurTables();
    assertThat(historyRowsOf(old)).isPositive();
    // a run, an issue, feedback and a summary each
    assertThat(ourRowsOf(old)).isGreaterThanOrEqualTo(4L * OLD_PILOTS);

    // the engine's cleanup job, due now instead of in the nightly window, run by the job executor
    // until every old pilot's history is gone (a run removes at most a batch per table)
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(2))
        .ignoreExceptions() // re-dating the job while the job executor runs it may conflict
        .until(
            () -> {
              historyService.cleanUpHistoryAsync(true);
              return historyRowsOf(old) == 0;
            });
    assertThat(ourRowsOf(old)).as("our rows wait for our cleanup").isPositive();
    assertThat(cleanup.removeRunsWithoutHistory()).isGreaterThanOrEqualTo(OLD_PILOTS);
    jdbc.execute("vacuum full");
    long cleaned = bytesOfHistoryAndOurTables();

    System.out.printf(
        "History and our tables: %,d bytes before, %,d with %d old pilots, %,d after cleanup and"
            + " VACUUM FULL%n",
        before, populated, OLD_PILOTS, cleaned);
    assertThat(ourRowsOf(old)).isZero();
    assertThat(historyRowsOf(List.of(recent))).as("ended within the time to live").isPositive();
    assertThat(ourRowsOf(List.of(recent))).isPositive();
    assertThat(historyRowsOf(List.of(active))).as("still running").isPositive();
    assertThat(ourRowsOf(List.of(active))).isPositive();
    assertThat(cleaned).isLessThan(populated);
  }

  /**
   * An issue, a feedback item and a summary of the run, written as the API writes them (issues and
   * feedback arrive only in Phase 2, which these pilots need not reach).
   */
  private void ourRowsBesideTheRun(String processInstanceId, int i) {
    long run = runs.findByProcessInstance(processInstanceId).orElseThrow().id();
    String tenant = runs.findByProcessInstance(processInstanceId).orElseThrow().tenantId();
    jdbc.update(
        "insert into pilot.pilot_issue (tenant_id, pilot_run_id, external_id, severity, component,"
            + " topic, summary, reported_at, received_at, response_due_at, resolution_due_at)"
            + " values (?, ?, ?, 'medium', 'backend', 'checkout', 'Checkout fails', now(), now(),"
            + " now(), now())",
        tenant,
        run,
        "OLD-" + i);
    jdbc.update(
        "insert into pilot.pilot_feedback (tenant_id, pilot_run_id, external_id, feedback_text,"
            + " source, received_at) values (?, ?, ?, 'Fast enough', 'survey', now())",
        tenant,
        run,
        "FEEDBACK-" + i);
    jdbc.update(
        "insert into pilot.pilot_summary (pilot_run_id, compiled_at, compiled_json,"
            + " compiled_markdown) values (?, now(), '{}', '# Summary')",
        run);
  }

  /** Ends a pilot as an operator's cancellation does; retried while its jobs still run. */
  private void end(String processInstanceId) {
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () -> {
              runtimeService.deleteProcessInstance(processInstanceId, "ended for the cleanup test");
              return true;
            });
  }

  /** Rows of these process instances in every history table and history byte array. */
  private long historyRowsOf(List<String> processInstanceIds) {
    String ids = quoted(processInstanceIds);
    long rows = 0;
    for (var column :
        jdbc.queryForList(
            "select table_name, column_name from information_schema.columns"
                + " where table_schema = current_schema() and (table_name like 'act\\_hi\\_%' or"
                + " table_name = 'act_ge_bytearray') and column_name in"
                + " ('proc_inst_id_', 'root_proc_inst_id_', 'process_instance_id_')")) {
      rows +=
          jdbc.queryForObject(
              "select count(*) from "
                  + column.get("table_name")
                  + " where "
                  + column.get("column_name")
                  + " in ("
                  + ids
                  + ")",
              Long.class);
    }
    return rows;
  }

  /** Rows of these pilots in our tables. */
  private long ourRowsOf(List<String> processInstanceIds) {
    String ids = quoted(processInstanceIds);
    return jdbc.queryForObject(
            "select count(*) from pilot.pilot_run where process_instance_id in (" + ids + ")",
            Long.class)
        + jdbc.queryForObject(
            "select count(*) from pilot.pilot_issue i join pilot.pilot_run r on r.id ="
                + " i.pilot_run_id where r.process_instance_id in ("
                + ids
                + ")",
            Long.class)
        + jdbc.queryForObject(
            "select count(*) from pilot.pilot_feedback f join pilot.pilot_run r on r.id ="
                + " f.pilot_run_id where r.process_instance_id in ("
                + ids
                + ")",
            Long.class)
        + jdbc.queryForObject(
            "select count(*) from pilot.pilot_summary s join pilot.pilot_run r on r.id ="
                + " s.pilot_run_id where r.process_instance_id in ("
                + ids
                + ")",
            Long.class)
        + jdbc.queryForObject(
            "select count(*) from pilot.onboarding_audit where process_instance_id in ("
                + ids
                + ")",
            Long.class);
  }

  /** What the engine's history and our schema take on disk, indexes and TOAST included. */
  private long bytesOfHistoryAndOurTables() {
    return jdbc.queryForObject(
        "select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c join pg_namespace n"
            + " on n.oid = c.relnamespace where c.relkind = 'r' and ((n.nspname = current_schema()"
            + " and (c.relname like 'act\\_hi\\_%' or c.relname = 'act_ge_bytearray'))"
            + " or n.nspname = 'pilot')",
        Long.class);
  }

  private static String quoted(List<String> ids) {
    return ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "));
  }
}
