package io.pilotlaunch.process;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Indexes Camunda's schema lacks for statements the engine runs on every task completed: it looks
 * for the task's subtasks ({@code where PARENT_TASK_ID_ = ?}), which without an index reads every
 * open task. Created after the engine has created its tables (Flyway runs before it on a fresh
 * database), on a start that finds it missing.
 */
@Component
public class EngineIndexes extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(EngineIndexes.class);

  static final String TASK_PARENT = "pilot_idx_task_parent";

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    String table = configuration.getDatabaseTablePrefix() + "ACT_RU_TASK";
    try (Connection connection = configuration.getDataSource().getConnection()) {
      // looked up first: creating, even "if not exists", locks the table against writes
      if (!hasIndex(connection.getMetaData(), table)) {
        try (Statement statement = connection.createStatement()) {
          statement.execute(
              "create index if not exists " + TASK_PARENT + " on " + table + " (PARENT_TASK_ID_)");
        }
      }
    } catch (SQLException e) {
      // without it the engine is only slower
      log.warn("Index {} was not created: {}", TASK_PARENT, e.getMessage());
    }
  }

  /** As the database spells the table: PostgreSQL in lower case, H2 in upper. */
  private static boolean hasIndex(DatabaseMetaData metaData, String table) throws SQLException {
    for (String spelled : List.of(table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT))) {
      try (ResultSet indexes = metaData.getIndexInfo(null, null, spelled, false, true)) {
        while (indexes.next()) {
          if (TASK_PARENT.equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
