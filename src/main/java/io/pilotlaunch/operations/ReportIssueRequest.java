package io.pilotlaunch.operations;

/** POST /api/pilots/{tenantId}/issues, as a ticketing or monitoring system sends it. */
public record ReportIssueRequest(
    String externalId,
    String severity,
    String component,
    String topic,
    String summary,
    String reportedAt) {}
