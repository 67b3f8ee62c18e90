package io.pilotlaunch.roadmap;

import io.pilotlaunch.milestones.MilestoneDefinition.Reference;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The pilots started while a dependency of their milestone was not Completed, by the milestone
 * owner's override (pilot.dependency_override).
 */
@Repository
public class DependencyOverrides {

  /** Who started anyway, when and why, and the dependency as it stood then. */
  public record DependencyOverride(
      String dependencyName,
      String dependencyStatus,
      String requiredStatus,
      String reason,
      String overriddenBy,
      Instant overriddenAt) {}

  private final JdbcTemplate jdbc;

  DependencyOverrides(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void record(
      String processInstanceId,
      Reference dependency,
      String status,
      String reason,
      String by,
      Instant at) {
    jdbc.update(
        "insert into pilot.dependency_override (process_instance_id, dependency_id,"
            + " dependency_title, dependency_status, required_status, reason, overridden_by,"
            + " overridden_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
        processInstanceId,
        dependency.id(),
        dependency.title(),
        status,
        dependency.status(),
        reason,
        by,
        Timestamp.from(at));
  }

  /** The overrides the pilot of this process instance started with, in dependency order. */
  public List<DependencyOverride> of(String processInstanceId) {
    return jdbc.query(
        "select dependency_id, dependency_title, dependency_status, required_status, reason,"
            + " overridden_by, overridden_at from pilot.dependency_override"
            + " where process_instance_id = ? order by length(dependency_id), dependency_id",
        (rs, row) ->
            new DependencyOverride(
                new Reference(
                        Integer.parseInt(rs.getString(1).substring(1)),
                        rs.getString(2),
                        null,
                        rs.getString(4))
                    .name(),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getTimestamp(7).toInstant()),
        processInstanceId);
  }
}
