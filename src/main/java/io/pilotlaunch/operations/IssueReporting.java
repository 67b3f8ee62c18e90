package io.pilotlaunch.operations;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Variables.FEEDBACK_ID;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Variables.FEEDBACK_SOURCE;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Variables.FEEDBACK_TEXT;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Variables.ISSUE_COMPONENT;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Variables.ISSUE_ID;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Variables.ISSUE_RESPONSE_SLA;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Variables.ISSUE_SEVERITY;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Variables.ISSUE_TITLE;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Variables.ISSUE_TOPIC;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Variables.PILOT_END;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Variables.PILOT_START;

import io.pilotlaunch.pilot.PilotRuns.PilotRun;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Messages;
import io.pilotlaunch.web.ApiException;
import io.pilotlaunch.web.CallerRules;
import io.pilotlaunch.web.ExternalId;
import io.pilotlaunch.web.HumanTime;
import io.pilotlaunch.web.IsoTimestamp;
import io.pilotlaunch.web.OneOf;
import io.pilotlaunch.web.PlainText;
import jakarta.validation.constraints.NotBlank;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues and feedback from ticketing and monitoring: stored in our tables and correlated to the
 * pilot in one transaction, so a pilot that cannot take them leaves no row behind.
 */
@Service
public class IssueReporting {

  public static final String BACKEND = "backend";
  public static final String FRONTEND = "frontend";
  public static final String FIXED = "fixed";
  public static final String WONT_FIX = "wont-fix";
  public static final String DUPLICATE = "duplicate";
  public static final String CANNOT_REPRODUCE = "cannot-reproduce";

  private final PilotIssues issues;
  private final Severities severities;
  private final CallerRules caller;
  private final RuntimeService runtimeService;
  private final PilotFeedback feedback;
  private final Clock clock;

  /** How far a reporter's clock may run ahead of ours ({@code pilot.clock-skew}). */
  private final Duration clockSkew;

  public IssueReporting(
      PilotIssues issues,
      Severities severities,
      CallerRules caller,
      RuntimeService runtimeService,
      PilotFeedback feedback,
      Clock clock,
      @Value("${pilot.clock-skew}") Duration clockSkew) {
    this.issues = issues;
    this.severities = severities;
    this.caller = caller;
    this.runtimeService = runtimeService;
    this.feedback = feedback;
    this.clock = clock;
    this.clockSkew = clockSkew;
  }

  /**
   * Fails with a DuplicateKeyException when the external id is taken: the caller answers with that
   * issue.
   */
  @Transactional
  public IssueView report(PilotRun pilot, ReportIssueRequest request) {
    // An SLA clock runs from reportedAt: a date outside the pilot would breach or stretch it at
    // will.
    Instant reportedAt = OffsetDateTime.parse(request.reportedAt()).toInstant();
    Map<String, Object> window =
        caller.asSystem(
            () ->
                runtimeService.getVariables(
                    pilot.processInstanceId(), List.of(PILOT_START, PILOT_END)));
    Instant start = Instant.parse((String) window.get(PILOT_START));
    Instant end = Instant.parse((String) window.get(PILOT_END));
    if (reportedAt.isAfter(clock.instant().plus(clockSkew))) {
      throw invalid(
          "reportedAt",
          "must not be in the future (more than " + HumanTime.duration(clockSkew) + " ahead)");
    }
    if (reportedAt.isBefore(start) || reportedAt.isAfter(end)) {
      throw invalid("reportedAt", "must lie within the pilot window, " + start + " to " + end);
    }

    String topic = FixBranch.slug(request.topic());
    Severities.Sla sla = severities.slaOf(request.severity());
    issues.insert(pilot.tenantId(), pilot.id(), request, topic, reportedAt, sla);
    correlate(
        pilot,
        Messages.PILOT_ISSUE_REPORTED,
        "issues",
        Map.of(
            ISSUE_ID, request.externalId(),
            ISSUE_TITLE, request.summary(),
            ISSUE_SEVERITY, request.severity(),
            ISSUE_COMPONENT, request.component(),
            ISSUE_TOPIC, topic,
            ISSUE_RESPONSE_SLA, remainingResponseTime(reportedAt, sla).toString()));
    return issues.find(pilot.tenantId(), request.externalId()).orElseThrow();
  }

  /**
   * The SLA clock runs from when the issue was reported, not from when it reached us: an issue
   * reported late has less time left, one past its SLA escalates at once.
   */
  private Duration remainingResponseTime(Instant reportedAt, Severities.Sla sla) {
    // whole seconds: the engine's duration parser takes no fractions
    Duration left =
        Duration.between(clock.instant(), reportedAt.plus(sla.firstResponse()))
            .truncatedTo(ChronoUnit.SECONDS);
    return left.isNegative() ? Duration.ZERO : left;
  }

  public record ResolutionRequest(
      @NotBlank(message = "is required") @OneOf({FIXED, WONT_FIX, DUPLICATE, CANNOT_REPRODUCE})
          String resolution,
      @PlainText(max = 2000) String comment,
      @IsoTimestamp String resolvedAt) {}

  @Transactional
  public IssueView resolve(PilotRun pilot, String externalId, ResolutionRequest request) {
    IssueView issue =
        issues
            .find(pilot.tenantId(), externalId)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "Tenant '" + pilot.tenantId() + "' has no issue '" + externalId + "'"));
    OffsetDateTime resolvedAt =
        request.resolvedAt() == null ? null : OffsetDateTime.parse(request.resolvedAt());
    if (issue.resolvedAt() != null) {
      if (issue.resolution().equals(request.resolution())) {
        return issue;
      }
      throw ApiException.conflict(
          "Issue '" + externalId + "' was resolved as '" + issue.resolution() + "' already");
    }
    issues.resolve(
        pilot.tenantId(),
        externalId,
        request.resolution(),
        request.comment(),
        resolvedAt == null ? clock.instant() : resolvedAt.toInstant());
    return issues.find(pilot.tenantId(), externalId).orElseThrow();
  }

  public record FeedbackRequest(
      @ExternalId String externalId,
      @NotBlank(message = "is required") @PlainText(max = 4000) String text,
      @NotBlank(message = "is required") @PlainText(max = 100) String source) {}

  /**
   * Fails with a DuplicateKeyException when the external id is taken: the feedback arrived already.
   */
  @Transactional
  public void feedback(PilotRun pilot, FeedbackRequest request) {
    feedback.insert(pilot.tenantId(), pilot.id(), request, clock.instant());
    correlate(
        pilot,
        Messages.PILOT_FEEDBACK_RECEIVED,
        "feedback",
        Map.of(
            FEEDBACK_ID,
            request.externalId(),
            FEEDBACK_TEXT,
            request.text(),
            FEEDBACK_SOURCE,
            request.source()));
  }

  private static ApiException invalid(String field, String message) {
    return ApiException.invalid(List.of(new ApiException.FieldError(field, message)));
  }

  private void correlate(PilotRun pilot, String message, String what, Map<String, Object> payload) {
    try {
      caller.asSystem(
          () ->
              runtimeService
                  .createMessageCorrelation(message)
                  .processInstanceId(pilot.processInstanceId())
                  .setVariablesLocal(payload)
                  .correlateWithResult());
    } catch (MismatchingMessageCorrelationException notWaiting) {
      throw ApiException.conflict(
          "The pilot of tenant '"
              + pilot.tenantId()
              + "' takes "
              + what
              + " only during Phase 2: Pilot Execution and Support");
    }
  }
}
