package io.pilotlaunch.process;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Indexes Camunda's schema lacks for statements the engine runs on every task completed: it looks
 * for the task's subtasks ({@code where PARENT_TASK_ID_ = ?}), which without an index reads every
 * open task. Created after the engine has created its tables (Flyway runs before it on a fresh
 * database), on each start, if missing.
 */
@Component
public class EngineIndexes extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(EngineIndexes.class);

  static final String TASK_PARENT = "pilot_idx_task_parent";

  private ProcessEngineConfigurationImpl configuration;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    try {
      new JdbcTemplate(configuration.getDataSource())
          .execute(
              "create index if not exists "
                  + TASK_PARENT
                  + " on "
                  + configuration.getDatabaseTablePrefix()
                  + "ACT_RU_TASK (PARENT_TASK_ID_)");
    } catch (DataAccessException e) {
      // nodes starting together race for the name; and without it the engine is only slower
      log.warn(
          "Index {} not created here (another node may have): {}", TASK_PARENT, e.getMessage());
    }
  }
}
