package io.pilotlaunch.signoff;

import io.pilotlaunch.operations.FeedbackItem;
import io.pilotlaunch.pilot.PilotWindow;
import io.pilotlaunch.signoff.PilotSummary.FixLeadTime;
import io.pilotlaunch.signoff.PilotSummary.PhaseDuration;
import io.pilotlaunch.signoff.PilotSummary.RejectedReview;
import io.pilotlaunch.signoff.PilotSummary.SlaBreach;
import io.pilotlaunch.web.HumanTime;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The pilot summary as the Markdown draft product management edits and confirms. Every value is
 * inert text (MarkdownText): a reviewer's reason or a feedback line cannot add sections or links.
 */
final class SummaryMarkdown {

  private SummaryMarkdown() {}

  static String render(PilotSummary s, PilotWindow window) {
    StringBuilder md = new StringBuilder();
    md.append("# Pilot summary: ")
        .append(text(s.tenantName() == null ? s.tenantId() : s.tenantName()))
        .append(" (")
        .append(text(s.tenantId()))
        .append(")\n\n");

    md.append("## Results\n\n");
    md.append("- Pilot window: ")
        .append(text(window.describe(s.results().pilotStart(), s.results().pilotEnd())))
        .append('\n');
    for (PhaseDuration phase : s.results().phases()) {
      md.append("- ")
          .append(text(phase.phase()))
          .append(": ")
          .append(
              text(
                  phase.duration() == null
                      ? "started "
                          + HumanTime.when(phase.started())
                          + ", still running when this summary was compiled ("
                          + HumanTime.when(s.compiledAt())
                          + ")"
                      : duration(phase.duration())))
          .append('\n');
    }

    md.append("\n## Defects\n\n");
    md.append("- Issues reported: ").append(s.defects().reported());
    if (!s.defects().bySeverity().isEmpty()) {
      md.append(" (")
          .append(
              s.defects().bySeverity().entrySet().stream()
                  .map(e -> e.getValue() + " " + text(e.getKey()))
                  .collect(Collectors.joining(", ")))
          .append(')');
    }
    md.append('\n');
    md.append("- Resolved: ")
        .append(s.defects().resolved())
        .append(", unresolved: ")
        .append(s.defects().unresolved())
        .append('\n');
    for (FixLeadTime fix : s.defects().fixLeadTimes()) {
      md.append("- ")
          .append(issue(fix.externalId(), fix.severity(), fix.summary()))
          .append(": ")
          .append(text(fix.resolution()))
          .append(" after ")
          .append(text(duration(fix.leadTime())))
          .append('\n');
    }

    md.append("\n## Risks\n\n");
    md.append("- Open non-critical issues: ")
        .append(list(s.risks().openNonCriticalIssues()))
        .append('\n');
    md.append("- SLA breaches: ").append(s.risks().slaBreaches().size()).append('\n');
    for (SlaBreach breach : s.risks().slaBreaches()) {
      md.append("  - ")
          .append(issue(breach.externalId(), breach.severity(), breach.summary()))
          .append(": response due ")
          .append(text(HumanTime.when(breach.responseDueAt())))
          .append(", escalated ")
          .append(text(HumanTime.when(breach.breachedAt())))
          .append('\n');
    }
    md.append("- Rejected reviews: ").append(s.risks().rejectedReviews().size()).append('\n');
    for (RejectedReview review : s.risks().rejectedReviews()) {
      md.append("  - ")
          .append(text(review.task()))
          .append(" on ")
          .append(text(HumanTime.when(review.at())))
          .append(": ")
          .append(text(orNone(review.reason())))
          .append('\n');
    }

    md.append("\n## Feedback\n\n");
    List<FeedbackItem> feedback = s.feedback() == null ? List.of() : s.feedback();
    if (feedback.isEmpty()) {
      md.append("- None received\n");
    }
    for (FeedbackItem item : feedback) {
      md.append("- ")
          .append(text(item.externalId()))
          .append(" from ")
          .append(text(item.source()))
          .append(": ")
          .append(text(item.text()))
          .append('\n');
      md.append("  - ")
          .append(
              item.categorized()
                  ? "Categorized as "
                      + text(item.category())
                      + " by "
                      + text(item.categorizedBy() == null ? "unknown" : item.categorizedBy())
                      + (item.candidates().isEmpty()
                          ? ""
                          : "; enhancement candidates: " + list(item.candidates()))
                  : "Not categorized yet")
          .append('\n');
    }

    md.append("\n## Recommendations\n\n");
    md.append("- Enhancement candidates: ").append(list(s.recommendations())).append('\n');
    return md.toString();
  }

  /** An issue as people name it: id, severity and what it is about. */
  private static String issue(String externalId, String severity, String summary) {
    return text(externalId)
        + " ("
        + text(severity)
        + ")"
        + (summary == null || summary.isBlank() ? "" : " " + text(summary));
  }

  private static String list(List<String> items) {
    return items.isEmpty()
        ? "none"
        : items.stream().map(SummaryMarkdown::text).collect(Collectors.joining("; "));
  }

  private static String text(Object value) {
    return MarkdownText.inline(value);
  }

  /** ISO-8601 as the JSON keeps it, read aloud; anything else as it is. */
  private static String duration(String iso) {
    if (iso == null) {
      return "none recorded";
    }
    try {
      return HumanTime.duration(Duration.parse(iso));
    } catch (DateTimeParseException e) {
      return iso;
    }
  }

  private static String orNone(String value) {
    return value == null ? "none recorded" : value;
  }
}
