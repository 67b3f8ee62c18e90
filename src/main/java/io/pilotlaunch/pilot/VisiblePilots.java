package io.pilotlaunch.pilot;

import io.pilotlaunch.pilot.PilotRuns.PilotRun;
import io.pilotlaunch.web.ApiException;
import io.pilotlaunch.web.CallerRules;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The pilots the caller may see: those of the tenants it is a member of; for anyone else, none. */
@Component
public class VisiblePilots {

  private final PilotRuns runs;
  private final CallerRules caller;

  public VisiblePilots(PilotRuns runs, CallerRules caller) {
    this.runs = runs;
    this.caller = caller;
  }

  /**
   * The tenants whose pilots the caller may see, for listings that page in SQL; empty when the
   * caller sees every tenant's pilot.
   */
  public Optional<List<String>> tenantsSeenIfLimited() {
    return caller.tenantsSeenIfLimited();
  }

  /** The tenant's current pilot, if the caller may see it; else 404, as if it did not exist. */
  public PilotRun current(String tenantId) {
    return runs.findCurrent(tenantId)
        .filter(run -> caller.maySee(run.tenantId()))
        .orElseThrow(() -> ApiException.notFound("No pilot for tenant '" + tenantId + "'"));
  }

  /** The tenant's pilot while it runs; 409 once it has ended. */
  public PilotRun active(String tenantId) {
    PilotRun run = current(tenantId);
    if (!run.isActive()) {
      throw ApiException.conflict(
          "The pilot of tenant '" + tenantId + "' has ended (" + run.status() + ")");
    }
    return run;
  }
}
