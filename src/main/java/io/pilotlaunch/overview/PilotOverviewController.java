package io.pilotlaunch.overview;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Watch pilots: a page of them and one by one. A caller sees the pilots of the tenants it is a
 * member of. Starting and aborting is {@code launch.PilotLaunchController}.
 */
@RestController
@RequestMapping("/api/pilots")
class PilotOverviewController {

  private final PilotViews views;

  PilotOverviewController(PilotViews views) {
    this.views = views;
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
}
