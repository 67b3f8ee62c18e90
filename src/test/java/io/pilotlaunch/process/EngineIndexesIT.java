package io.pilotlaunch.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.support.PostgresIntegrationTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The engine's lookup of a task's subtasks, on every completion, reads an index, not the table. */
class EngineIndexesIT extends PostgresIntegrationTest {

  @Autowired DataSource dataSource;

  @Test
  void aTasksSubtasksAreFoundThroughTheIndex() throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      // a few rows read faster whole; the question is whether the index can serve the lookup
      statement.execute("set enable_seqscan = off");
      try (ResultSet rows =
          statement.executeQuery(
              "explain select * from ACT_RU_TASK where PARENT_TASK_ID_ = 'a-task'")) {
        while (rows.next()) {
          plan.append(rows.getString(1)).append('\n');
        }
      } finally {
        statement.execute("reset enable_seqscan");
      }
    }
    assertThat(plan.toString()).contains(EngineIndexes.TASK_PARENT);
  }
}
