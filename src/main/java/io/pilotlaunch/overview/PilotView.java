package io.pilotlaunch.overview;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** A pilot as GET /api/pilots shows it: where it stands, what is open, what its exits say. */
public record PilotView(
    String tenantId,
    String tenantName,
    String environment,
    String region,
    String pilotStart,
    String pilotEnd,
    String processInstanceId,
    String status,
    String milestoneStatus,
    String currentPhase,
    String startedBy,
    Instant startedAt,
    Instant endedAt,
    List<OpenItem> openChecklistItems,
    List<ExitCriterion> exitCriteria,
    Map<String, Long> openIssuesBySeverity) {

  public record OpenItem(
      String taskId, String name, String checklistItem, String team, String assignee, Date due) {}

  /** state: "met" once the phase ended through its exit gateway's "yes", else "open". */
  public record ExitCriterion(String phase, String criterion, String state) {}
}
