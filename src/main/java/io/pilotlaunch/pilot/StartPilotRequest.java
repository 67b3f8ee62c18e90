package io.pilotlaunch.pilot;

/**
 * POST /api/pilots. Timestamps are ISO-8601 with offset; everything is validated by {@link
 * PilotService}.
 */
public record StartPilotRequest(
    String tenantId,
    String tenantName,
    String environment,
    String region,
    String pilotStart,
    String pilotEnd) {}
