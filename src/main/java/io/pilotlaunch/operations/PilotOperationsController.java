package io.pilotlaunch.operations;

import io.pilotlaunch.operations.IssueReporting.FeedbackRequest;
import io.pilotlaunch.operations.IssueReporting.ResolutionRequest;
import io.pilotlaunch.pilot.PilotRuns.PilotRun;
import io.pilotlaunch.pilot.VisiblePilots;
import io.pilotlaunch.web.CallerRules;
import io.pilotlaunch.web.ConflictRetry;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What ticketing and monitoring send a running pilot: issues, their resolutions, feedback. */
@RestController
@RequestMapping("/api/pilots/{tenantId}")
class PilotOperationsController {

  private final VisiblePilots pilots;
  private final IssueReporting reporting;
  private final PilotIssues issues;
  private final CallerRules caller;

  PilotOperationsController(
      VisiblePilots pilots, IssueReporting reporting, PilotIssues issues, CallerRules caller) {
    this.pilots = pilots;
    this.reporting = reporting;
    this.issues = issues;
    this.caller = caller;
  }

  /** 201 for a new issue; 200 with the stored issue when its external id was reported before. */
  @PostMapping("/issues")
  ResponseEntity<IssueView> report(
      @PathVariable String tenantId, @Valid @RequestBody ReportIssueRequest request) {
    caller.requireTeamMember("report pilot issues");
    PilotRun pilot = pilots.active(tenantId);
    if (request.externalId() != null) {
      var reported = issues.find(tenantId, request.externalId());
      if (reported.isPresent()) {
        return ResponseEntity.ok(reported.get());
      }
    }
    try {
      IssueView issue =
          ConflictRetry.onConflict(
              "Reporting issue '" + request.externalId() + "'",
              () -> reporting.report(pilot, request));
      return ResponseEntity.created(
              URI.create("/api/pilots/" + tenantId + "/issues/" + issue.externalId()))
          .body(issue);
    } catch (DuplicateKeyException sameIssueAtTheSameTime) {
      return ResponseEntity.ok(issues.find(tenantId, request.externalId()).orElseThrow());
    }
  }

  @GetMapping("/issues")
  List<IssueView> issues(@PathVariable String tenantId) {
    return issues.of(pilots.current(tenantId).tenantId());
  }

  @GetMapping("/issues/{externalId}")
  IssueView issue(@PathVariable String tenantId, @PathVariable String externalId) {
    return issues
        .find(pilots.current(tenantId).tenantId(), externalId)
        .orElseThrow(
            () ->
                io.pilotlaunch.web.ApiException.notFound(
                    "Tenant '" + tenantId + "' has no issue '" + externalId + "'"));
  }

  @PostMapping("/issues/{externalId}/resolution")
  IssueView resolve(
      @PathVariable String tenantId,
      @PathVariable String externalId,
      @Valid @RequestBody ResolutionRequest request) {
    caller.requireTeamMember("resolve pilot issues");
    PilotRun pilot = pilots.current(tenantId);
    return ConflictRetry.onConflict(
        "Resolving issue '" + externalId + "'",
        () -> reporting.resolve(pilot, externalId, request));
  }

  /** 202: the feedback is with the pilot; the same external id again changes nothing. */
  @PostMapping("/feedback")
  ResponseEntity<Map<String, String>> feedback(
      @PathVariable String tenantId, @Valid @RequestBody FeedbackRequest request) {
    caller.requireTeamMember("send pilot feedback");
    PilotRun pilot = pilots.active(tenantId);
    try {
      ConflictRetry.onConflict(
          "Feedback '" + request.externalId() + "'",
          () -> {
            reporting.feedback(pilot, request);
            return null;
          });
      return ResponseEntity.status(HttpStatus.ACCEPTED)
          .body(Map.of("externalId", request.externalId(), "status", "received"));
    } catch (DuplicateKeyException receivedBefore) {
      return ResponseEntity.ok(
          Map.of("externalId", request.externalId(), "status", "received before"));
    }
  }
}
