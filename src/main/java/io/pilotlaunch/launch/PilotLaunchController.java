package io.pilotlaunch.launch;

import io.pilotlaunch.overview.PilotView;
import io.pilotlaunch.overview.PilotViews;
import io.pilotlaunch.pilot.PilotLaunches;
import io.pilotlaunch.pilot.PilotRuns.PilotRun;
import io.pilotlaunch.pilot.StartPilotRequest;
import io.pilotlaunch.web.ConflictRetry;
import io.pilotlaunch.web.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Start and abort pilots ({@code pilot.PilotLaunches} does the work); each answers with the pilot
 * as {@code GET /api/pilots/{tenantId}} shows it, which is why this sits above the overview.
 */
@RestController
@RequestMapping("/api/pilots")
class PilotLaunchController {

  record AbortRequest(@NotBlank(message = "is required") @PlainText(max = 2000) String reason) {}

  private final PilotLaunches launches;
  private final PilotViews views;

  PilotLaunchController(PilotLaunches launches, PilotViews views) {
    this.launches = launches;
    this.views = views;
  }

  @PostMapping
  ResponseEntity<PilotView> start(@Valid @RequestBody StartPilotRequest request) {
    PilotRun started =
        ConflictRetry.onConflict(
            "Starting a pilot for '" + request.tenantId() + "'", () -> launches.start(request));
    return ResponseEntity.created(URI.create("/api/pilots/" + started.tenantId()))
        .body(views.view(started));
  }

  @PostMapping("/{tenantId}/abort")
  ResponseEntity<PilotView> abort(
      @PathVariable String tenantId, @Valid @RequestBody AbortRequest request) {
    PilotRun aborted =
        ConflictRetry.onConflict(
            "Aborting the pilot of '" + tenantId + "'",
            () -> launches.abort(tenantId, request.reason()));
    return ResponseEntity.accepted().body(views.view(aborted));
  }
}
