package io.pilotlaunch.process;

import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for the Spring bean {@code pilotIssues} (the issue register) in engine-only tests: the
 * same method signatures the model calls. Public, so that JUEL can invoke its methods.
 */
public class FakePilotIssues {

  /** Open critical issues the register reports, whatever the tenant. */
  public long openCritical;

  /** Tenant ids the model asked about, in order. */
  public final List<String> askedFor = new ArrayList<>();

  public long openCriticalCount(String tenantId) {
    askedFor.add(tenantId);
    return openCritical;
  }

  public String slaSummary(String tenantId) {
    askedFor.add(tenantId);
    return "Issues: 2\nSLA met: 1\nSLA breached: 1\nMedian time to first response: PT42M";
  }

  public String openCriticalSummary(String tenantId) {
    askedFor.add(tenantId);
    return openCritical + " open critical issue(s) of " + tenantId;
  }
}
