package io.pilotlaunch.signoff;

import io.pilotlaunch.operations.FeedbackItem;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the pilot's own records say: results, defects, risks, feedback, recommendations. Durations
 * are ISO-8601 (PT2H30M); a phase still running has no end and no duration. Summaries compiled
 * before a component existed read it as null.
 */
public record PilotSummary(
    String tenantId,
    String tenantName,
    String processInstanceId,
    Instant compiledAt,
    Results results,
    Defects defects,
    Risks risks,
    List<FeedbackItem> feedback,
    List<String> recommendations) {

  /** onboardingDuration repeats the Phase 1 entry of phases, for readers of the JSON. */
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
      String externalId, String severity, String summary, String resolution, String leadTime) {}

  public record Risks(
      List<String> openNonCriticalIssues,
      List<SlaBreach> slaBreaches,
      List<RejectedReview> rejectedReviews) {}

  public record SlaBreach(
      String externalId,
      String severity,
      String summary,
      Instant responseDueAt,
      Instant breachedAt) {}

  public record RejectedReview(String task, String reason, Instant at) {}
}
