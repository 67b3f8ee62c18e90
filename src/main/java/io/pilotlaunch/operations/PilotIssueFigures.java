package io.pilotlaunch.operations;

import io.pilotlaunch.operations.PilotIssues.SlaFigures;
import io.pilotlaunch.process.MvpPilotLaunchProcess;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What the model asks of the pilot issues by expression: the Phase 2 exit's count ({@code
 * ${pilotIssues.openCriticalCount(tenantId)}}) and the texts two of its tasks show.
 */
@Component(MvpPilotLaunchProcess.Beans.PILOT_ISSUES)
public class PilotIssueFigures {

  private final PilotIssues issues;

  public PilotIssueFigures(PilotIssues issues) {
    this.issues = issues;
  }

  public long openCriticalCount(String tenantId) {
    return issues.openCriticalCount(tenantId);
  }

  /** What "Resolve critical pilot issues" shows. */
  public String openCriticalSummary(String tenantId) {
    List<String> open = issues.openCritical(tenantId);
    return open.isEmpty()
        ? "No unresolved critical issues."
        : "Unresolved critical issues:\n" + String.join("\n", open);
  }

  /**
   * What "Support response SLAs met" shows: issues, SLA met, SLA breached, median time to first
   * response.
   */
  public String slaSummary(String tenantId) {
    SlaFigures figures = issues.slaFigures(tenantId);
    return "Issues: "
        + figures.issues()
        + "\nSLA met: "
        + figures.slaMet()
        + "\nSLA breached: "
        + figures.slaBreached()
        + "\nAwaiting first response within SLA: "
        + figures.pending()
        + "\nMedian time to first response: "
        + (figures.medianTimeToFirstResponse() == null
            ? "none yet"
            : figures.medianTimeToFirstResponse().toMinutes() + " min");
  }
}
