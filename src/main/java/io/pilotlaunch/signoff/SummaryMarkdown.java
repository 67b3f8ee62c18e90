package io.pilotlaunch.signoff;

import io.pilotlaunch.signoff.PilotSummary.FixLeadTime;
import io.pilotlaunch.signoff.PilotSummary.PhaseDuration;
import io.pilotlaunch.signoff.PilotSummary.RejectedReview;
import io.pilotlaunch.signoff.PilotSummary.SlaBreach;
import java.util.List;
import java.util.stream.Collectors;

/** The pilot summary as the Markdown draft product management edits and confirms. */
final class SummaryMarkdown {

  private SummaryMarkdown() {}

  static String render(PilotSummary s) {
    StringBuilder md = new StringBuilder();
    md.append("# Pilot summary: ").append(s.tenantName() == null ? s.tenantId() : s.tenantName())
        .append(" (").append(s.tenantId()).append(")\n\n");

    md.append("## Results\n\n");
    md.append("- Pilot window: ").append(s.results().pilotStart()).append(" to ").append(s.results().pilotEnd()).append('\n');
    md.append("- Onboarding took ").append(orNone(s.results().onboardingDuration())).append('\n');
    for (PhaseDuration phase : s.results().phases()) {
      md.append("- ").append(phase.phase()).append(": ")
          .append(phase.duration() == null ? "running since " + phase.started() : phase.duration()).append('\n');
    }

    md.append("\n## Defects\n\n");
    md.append("- Issues reported: ").append(s.defects().reported());
    if (!s.defects().bySeverity().isEmpty()) {
      md.append(" (").append(s.defects().bySeverity().entrySet().stream()
          .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))).append(')');
    }
    md.append('\n');
    md.append("- Resolved: ").append(s.defects().resolved()).append(", unresolved: ").append(s.defects().unresolved())
        .append('\n');
    for (FixLeadTime fix : s.defects().fixLeadTimes()) {
      md.append("- ").append(fix.externalId()).append(" (").append(fix.severity()).append(") ").append(fix.resolution())
          .append(" after ").append(fix.leadTime()).append('\n');
    }

    md.append("\n## Risks\n\n");
    md.append("- Open non-critical issues: ").append(list(s.risks().openNonCriticalIssues())).append('\n');
    md.append("- SLA breaches: ").append(s.risks().slaBreaches().size()).append('\n');
    for (SlaBreach breach : s.risks().slaBreaches()) {
      md.append("  - ").append(breach.externalId()).append(" (").append(breach.severity()).append("): response due ")
          .append(breach.responseDueAt()).append(", escalated ").append(breach.breachedAt()).append('\n');
    }
    md.append("- Rejected reviews: ").append(s.risks().rejectedReviews().size()).append('\n');
    for (RejectedReview review : s.risks().rejectedReviews()) {
      md.append("  - ").append(review.task()).append(" at ").append(review.at()).append(": ")
          .append(orNone(review.reason())).append('\n');
    }

    md.append("\n## Recommendations\n\n");
    md.append("- Enhancement candidates: ").append(list(s.recommendations())).append('\n');
    return md.toString();
  }

  private static String list(List<String> items) {
    return items.isEmpty() ? "none" : String.join("; ", items);
  }

  private static String orNone(String value) {
    return value == null ? "none recorded" : value;
  }
}
