package io.pilotlaunch.issuefeeds;

import io.pilotlaunch.operations.IssueReporting;
import io.pilotlaunch.operations.IssueReporting.ResolutionRequest;
import io.pilotlaunch.operations.IssueView;
import io.pilotlaunch.operations.PilotIssues;
import io.pilotlaunch.operations.ReportIssueRequest;
import io.pilotlaunch.operations.Severities;
import io.pilotlaunch.pilot.PilotRuns;
import io.pilotlaunch.pilot.PilotRuns.PilotRun;
import io.pilotlaunch.web.ApiException;
import io.pilotlaunch.web.ConflictRetry;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Issues that monitoring and the support desk send us in their own formats, opened and resolved
 * through the issue API's own rules ({@link IssueReporting}), each in its own transaction: a sender
 * item identifies its issue (the external id), so a repeat or a resend opens nothing twice, and one
 * item refused never undoes another of the same delivery. What is not taken comes back with the
 * reason, not as an error of the whole delivery.
 */
@Service
class ExternalIssues {

  /** What became of one item (an alert, a ticket event). */
  record Outcome(String outcome, String tenantId, String issue, String reason) {

    static Outcome skipped(String tenantId, String reason) {
      return new Outcome("skipped", tenantId, null, reason);
    }

    Map<String, Object> asMap(String key, String id) {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put(key, id);
      map.put("outcome", outcome);
      if (tenantId != null) {
        map.put("tenantId", tenantId);
      }
      if (issue != null) {
        map.put("issue", issue);
      }
      if (reason != null) {
        map.put("reason", reason);
      }
      return map;
    }
  }

  private final PilotRuns runs;
  private final PilotIssues issues;
  private final IssueReporting reporting;
  private final Validator validator;

  ExternalIssues(
      PilotRuns runs, PilotIssues issues, IssueReporting reporting, Validator validator) {
    this.runs = runs;
    this.issues = issues;
    this.reporting = reporting;
    this.validator = validator;
  }

  /** Opens the issue in the tenant's active pilot, unless it was opened before. */
  Outcome open(String tenantId, ReportIssueRequest request) {
    Optional<IssueView> known = issues.find(tenantId, request.externalId());
    if (known.isPresent()) {
      return new Outcome("open already", tenantId, request.externalId(), null);
    }
    Optional<PilotRun> pilot = runs.findActive(tenantId);
    if (pilot.isEmpty()) {
      return Outcome.skipped(tenantId, "tenant '" + tenantId + "' has no active pilot");
    }
    List<String> problems = new ArrayList<>();
    validator
        .validate(request)
        .forEach(v -> problems.add(v.getPropertyPath() + " " + v.getMessage()));
    if (!problems.isEmpty()) {
      return Outcome.skipped(
          tenantId, "the issue would be invalid: " + String.join("; ", problems));
    }
    try {
      ConflictRetry.onConflict(
          "Opening issue '" + request.externalId() + "'",
          () -> reporting.report(pilot.get(), request));
      return new Outcome("opened", tenantId, request.externalId(), null);
    } catch (DuplicateKeyException sameIssueAtTheSameTime) {
      return new Outcome("open already", tenantId, request.externalId(), null);
    } catch (ApiException refused) {
      return Outcome.skipped(tenantId, reason(refused));
    }
  }

  /** Resolves the issue; one resolved before keeps its first resolution. */
  Outcome resolve(
      String tenantId, String externalId, String resolution, String comment, Instant resolvedAt) {
    Optional<IssueView> known = issues.find(tenantId, externalId);
    if (known.isEmpty()) {
      return Outcome.skipped(
          tenantId, "no issue '" + externalId + "' was opened for tenant '" + tenantId + "'");
    }
    if (known.get().resolvedAt() != null) {
      return new Outcome("resolved already", tenantId, externalId, null);
    }
    PilotRun pilot = runs.findCurrent(tenantId).orElseThrow();
    try {
      ConflictRetry.onConflict(
          "Resolving issue '" + externalId + "'",
          () ->
              reporting.resolve(
                  pilot,
                  externalId,
                  new ResolutionRequest(resolution, comment, resolvedAt.toString())));
      return new Outcome("resolved", tenantId, externalId, null);
    } catch (ApiException refused) {
      return Outcome.skipped(tenantId, reason(refused));
    }
  }

  /**
   * Stops the start when a sender's severity setting names a severity that is not configured: every
   * alert or ticket would be skipped for it.
   */
  static void requireConfigured(Severities severities, String setting, Collection<String> named) {
    List<String> unknown = named.stream().filter(name -> !severities.isKnown(name)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalStateException(
          setting + " names " + unknown + ", none of pilot.severities " + severities.names());
    }
  }

  private static String reason(ApiException refused) {
    if (refused.errors().isEmpty()) {
      return refused.getMessage();
    }
    return String.join(
        "; ", refused.errors().stream().map(e -> e.field() + " " + e.message()).toList());
  }
}
