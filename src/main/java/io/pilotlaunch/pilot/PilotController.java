package io.pilotlaunch.pilot;

import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Start, watch and abort pilots. A caller sees the pilots of the tenants it is a member of. */
@RestController
@RequestMapping("/api/pilots")
class PilotController {

  record AbortRequest(String reason) {}

  private final PilotService pilots;

  PilotController(PilotService pilots) {
    this.pilots = pilots;
  }

  @PostMapping
  ResponseEntity<PilotView> start(@RequestBody StartPilotRequest request) {
    PilotView pilot = pilots.start(request);
    return ResponseEntity.created(URI.create("/api/pilots/" + pilot.tenantId())).body(pilot);
  }

  @GetMapping
  List<PilotView> list() {
    return pilots.list();
  }

  @GetMapping("/{tenantId}")
  PilotView get(@PathVariable String tenantId) {
    return pilots.get(tenantId);
  }

  @PostMapping("/{tenantId}/abort")
  ResponseEntity<PilotView> abort(@PathVariable String tenantId, @RequestBody AbortRequest request) {
    return ResponseEntity.accepted().body(pilots.abort(tenantId, request.reason()));
  }
}
