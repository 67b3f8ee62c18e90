package io.pilotlaunch.signoff;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the pilot's own records say: results, defects, risks, recommendations. Durations are
 * ISO-8601 (PT2H30M); a phase still running has no end and no duration.
 */
public record PilotSummary(
    String tenantId,
    String tenantName,
    String processInstanceId,
    Instant compiledAt,
    Results results,
    Defects defects,
    Risks risks,
    List<String> recommendations) {

  public record Results(
      String pilotStart, String pilotEnd, String onboardingDuration, List<PhaseDuration> phases) {}

  public record PhaseDuration(String phase, Instant started, Instant ended, String duration) {}

  public record Defects(
      int reported,
      Map<String, Long> bySeverity,
      int resolved,
      int unresolved,
      List<FixLeadTime> fixLeadTimes) {}

  public record FixLeadTime(
      String externalId, String severity, String resolution, String leadTime) {}

  public record Risks(
      List<String> openNonCriticalIssues,
      List<SlaBreach> slaBreaches,
      List<RejectedReview> rejectedReviews) {}

  public record SlaBreach(
      String externalId, String severity, Instant responseDueAt, Instant breachedAt) {}

  public record RejectedReview(String task, String reason, Instant at) {}
}
