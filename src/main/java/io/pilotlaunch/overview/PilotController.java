package io.pilotlaunch.overview;

import io.pilotlaunch.pilot.PilotLaunches;
import io.pilotlaunch.pilot.PilotRuns.PilotRun;
import io.pilotlaunch.pilot.StartPilotRequest;
import io.pilotlaunch.web.ConflictRetry;
import io.pilotlaunch.web.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Start, watch and abort pilots. A caller sees the pilots of the tenants it is a member of. */
@RestController
@RequestMapping("/api/pilots")
class PilotController {

  record AbortRequest(@NotBlank(message = "is required") @PlainText(max = 2000) String reason) {}

  private final PilotLaunches launches;
  private final PilotViews views;

  PilotController(PilotLaunches launches, PilotViews views) {
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

  /**
   * A page of the current pilot of each tenant, newest first; a Link header (rel="next", GitHub's
   * convention) leads to the next page. The body stays an array, as before paging.
   */
  @GetMapping
  ResponseEntity<List<PilotView>> list(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String phase,
      @RequestParam(required = false) String team,
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String after) {
    PilotListRequest request = PilotListRequest.parse(status, phase, team, limit, after);
    PilotViews.PilotPage page = views.page(request);
    ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
    page.next()
        .ifPresent(
            next ->
                ok.header(
                    HttpHeaders.LINK,
                    "</api/pilots?" + request.queryAfter(next) + ">; rel=\"next\""));
    return ok.body(page.views());
  }

  @GetMapping("/{tenantId}")
  PilotView get(@PathVariable String tenantId) {
    return views.get(tenantId);
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
