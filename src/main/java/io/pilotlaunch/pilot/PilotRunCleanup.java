package io.pilotlaunch.pilot;

import io.pilotlaunch.sql.InList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Our rows of a pilot go when the engine's history cleanup has removed its history (time to live
 * after its end, application.yaml): its run, issues, feedback, summary, its onboarding audit and
 * the override it started with (ADR 0022). A tenant's route and baseline stay: they belong to the
 * tenant, not to one of its pilots, and its next pilot uses them. Runs on a schedule after the
 * engine's cleanup window; every node may run it, deleting what is gone twice changes nothing.
 */
@Component
@EnableScheduling
public class PilotRunCleanup {

  private static final Logger log = LoggerFactory.getLogger(PilotRunCleanup.class);

  /** Runs removed per transaction: short transactions, and IN lists that every database takes. */
  private static final int BATCH = 500;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;

  public PilotRunCleanup(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /** Removes the rows of every finished pilot whose history the engine removed; says how many. */
  @Scheduled(cron = "${pilot.history.run-cleanup-cron}")
  public int removeRunsWithoutHistory() {
    int removed = 0;
    while (true) {
      List<Long> batch =
          jdbc.queryForList(
              "select r.id from pilot.pilot_run r where r.active_tenant_id is null and not exists"
                  + " (select 1 from ACT_HI_PROCINST p where p.ID_ = r.process_instance_id)"
                  + " order by r.id limit "
                  + BATCH,
              Long.class);
      if (batch.isEmpty()) {
        break;
      }
      transaction.executeWithoutResult(status -> remove(batch));
      removed += batch.size();
    }
    if (removed > 0) {
      log.info("Removed the rows of {} pilot runs whose history the engine removed", removed);
    }
    return removed;
  }

  private void remove(List<Long> runIds) {
    String ids = InList.placeholders(runIds.size());
    Object[] args = runIds.toArray();
    jdbc.update("delete from pilot.pilot_summary where pilot_run_id in (" + ids + ")", args);
    jdbc.update("delete from pilot.pilot_issue where pilot_run_id in (" + ids + ")", args);
    jdbc.update("delete from pilot.pilot_feedback where pilot_run_id in (" + ids + ")", args);
    jdbc.update(
        "delete from pilot.onboarding_audit where process_instance_id in"
            + " (select process_instance_id from pilot.pilot_run where id in ("
            + ids
            + "))",
        args);
    jdbc.update(
        "delete from pilot.dependency_override where process_instance_id in"
            + " (select process_instance_id from pilot.pilot_run where id in ("
            + ids
            + "))",
        args);
    jdbc.update("delete from pilot.pilot_run where id in (" + ids + ")", args);
  }
}
