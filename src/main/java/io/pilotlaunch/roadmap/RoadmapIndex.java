package io.pilotlaunch.roadmap;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The live roadmap index (pilot.roadmap_milestone) and every change to it (roadmap_change). */
@Repository
public class RoadmapIndex {

  /** One milestone as the index holds it; {@code ownerGroup} is a team's group id. */
  public record Milestone(
      String id,
      String title,
      String ownerGroup,
      RoadmapStatus status,
      String document,
      String changedBy,
      Instant changedAt) {

    /** As the documents name it: "Milestone 6: MVP Pilot Launch". */
    public String name() {
      return "Milestone " + id.substring(1) + ": " + title;
    }
  }

  /** One change: which field (status or owner), from what (null when seeded) to what. */
  public record Change(String field, String from, String to, String changedBy, Instant changedAt) {}

  static final String STATUS = "status";
  static final String OWNER = "owner";

  private static final String COLUMNS =
      "milestone_id, title, owner_group, status, document, changed_by, changed_at";

  /** m5 before m10: by the number after the "m". */
  private static final String IN_ROADMAP_ORDER = " order by length(milestone_id), milestone_id";

  private final JdbcTemplate jdbc;

  RoadmapIndex(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<Milestone> all() {
    return jdbc.query(
        "select " + COLUMNS + " from pilot.roadmap_milestone" + IN_ROADMAP_ORDER,
        RoadmapIndex::milestone);
  }

  public Optional<Milestone> find(String milestoneId) {
    return jdbc
        .query(
            "select " + COLUMNS + " from pilot.roadmap_milestone where milestone_id = ?",
            RoadmapIndex::milestone,
            milestoneId)
        .stream()
        .findFirst();
  }

  /** The milestone, its row locked until the transaction ends: changes to it come one by one. */
  Optional<Milestone> lock(String milestoneId) {
    return jdbc
        .query(
            "select " + COLUMNS + " from pilot.roadmap_milestone where milestone_id = ? for update",
            RoadmapIndex::milestone,
            milestoneId)
        .stream()
        .findFirst();
  }

  /** Adds the milestone unless the index has it; whether it did. */
  boolean addIfMissing(Milestone milestone) {
    int added =
        jdbc.update(
            "insert into pilot.roadmap_milestone ("
                + COLUMNS
                + ") select ?, ?, ?, ?, ?, ?, ? where not exists"
                + " (select 1 from pilot.roadmap_milestone where milestone_id = ?)",
            milestone.id(),
            milestone.title(),
            milestone.ownerGroup(),
            milestone.status().label(),
            milestone.document(),
            milestone.changedBy(),
            Timestamp.from(milestone.changedAt()),
            milestone.id());
    if (added == 1) {
      String by = milestone.changedBy();
      Instant at = milestone.changedAt();
      recordChange(milestone.id(), STATUS, null, milestone.status().label(), by, at);
      recordChange(milestone.id(), OWNER, null, milestone.ownerGroup(), by, at);
    }
    return added == 1;
  }

  void setStatus(Milestone was, RoadmapStatus status, String by, Instant at) {
    jdbc.update(
        "update pilot.roadmap_milestone set status = ?, changed_by = ?, changed_at = ?"
            + " where milestone_id = ?",
        status.label(),
        by,
        Timestamp.from(at),
        was.id());
    recordChange(was.id(), STATUS, was.status().label(), status.label(), by, at);
  }

  /**
   * Sets the status only if the milestone has {@code from} now, without locking it first; whether
   * it did. Recorded as any change.
   */
  boolean setStatusIf(
      String milestoneId, RoadmapStatus from, RoadmapStatus to, String by, Instant at) {
    int updated =
        jdbc.update(
            "update pilot.roadmap_milestone set status = ?, changed_by = ?, changed_at = ?"
                + " where milestone_id = ? and status = ?",
            to.label(),
            by,
            Timestamp.from(at),
            milestoneId,
            from.label());
    if (updated == 1) {
      recordChange(milestoneId, STATUS, from.label(), to.label(), by, at);
    }
    return updated == 1;
  }

  void setOwner(Milestone was, String ownerGroup, String by, Instant at) {
    jdbc.update(
        "update pilot.roadmap_milestone set owner_group = ?, changed_by = ?, changed_at = ?"
            + " where milestone_id = ?",
        ownerGroup,
        by,
        Timestamp.from(at),
        was.id());
    recordChange(was.id(), OWNER, was.ownerGroup(), ownerGroup, by, at);
  }

  /** Every change of the milestone, oldest first. */
  public List<Change> changes(String milestoneId) {
    return jdbc.query(
        "select field, from_value, to_value, changed_by, changed_at from pilot.roadmap_change"
            + " where milestone_id = ? order by id",
        (rs, row) ->
            new Change(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getTimestamp(5).toInstant()),
        milestoneId);
  }

  private void recordChange(
      String milestoneId, String field, String from, String to, String by, Instant at) {
    jdbc.update(
        "insert into pilot.roadmap_change (milestone_id, field, from_value, to_value, changed_by,"
            + " changed_at) values (?, ?, ?, ?, ?, ?)",
        milestoneId,
        field,
        from,
        to,
        by,
        Timestamp.from(at));
  }

  private static Milestone milestone(ResultSet rs, int row) throws SQLException {
    String id = rs.getString(1);
    String status = rs.getString(4);
    return new Milestone(
        id,
        rs.getString(2),
        rs.getString(3),
        RoadmapStatus.ofLabel(status)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Roadmap milestone " + id + " has unknown status " + status)),
        rs.getString(5),
        rs.getString(6),
        rs.getTimestamp(7).toInstant());
  }
}
