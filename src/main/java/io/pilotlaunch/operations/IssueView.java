package io.pilotlaunch.operations;

import java.time.Instant;

/** A pilot issue with its SLA clock and, once there is one, its resolution. */
public record IssueView(
    String externalId,
    String severity,
    String component,
    String topic,
    String fixBranch,
    String summary,
    Instant reportedAt,
    Instant responseDueAt,
    Instant resolutionDueAt,
    Instant firstResponseAt,
    Instant slaBreachedAt,
    String resolution,
    String resolutionComment,
    Instant resolvedAt) {}
