package io.pilotlaunch.signoff;

import io.pilotlaunch.operations.FeedbackItem;
import io.pilotlaunch.operations.FeedbackRecords;
import io.pilotlaunch.operations.IssueView;
import io.pilotlaunch.operations.PilotIssues;
import io.pilotlaunch.pilot.PilotHistory;
import io.pilotlaunch.pilot.PilotRuns.PilotRun;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Elements;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import io.pilotlaunch.process.Phase;
import io.pilotlaunch.web.HumanTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * What a review or a sign-off judges, as Markdown for its form: the items of the phase it reviews
 * with who did them, when, their decision, comment and evidence link, and what else the phase
 * recorded (verification checks, issues, feedback, the confirmed summary). Every value a person or
 * an integration typed is inert ({@link MarkdownText}); only web addresses become links. Reads as
 * the engine's own user: callers check that the reader may see the task.
 */
@Service
public class UnderReview {

  private static final Set<String> FIX_TASKS =
      Set.of(Elements.TASK_APPLY_FIX_BACKEND, Elements.TASK_APPLY_FIX_FRONTEND);

  private final MilestoneExport export;
  private final PilotHistory history;
  private final PilotIssues issues;
  private final FeedbackRecords feedback;
  private final PilotSummaries summaries;

  public UnderReview(
      MilestoneExport export,
      PilotHistory history,
      PilotIssues issues,
      FeedbackRecords feedback,
      PilotSummaries summaries) {
    this.export = export;
    this.history = history;
    this.issues = issues;
    this.feedback = feedback;
    this.summaries = summaries;
  }

  /** What the reviews and sign-offs of a phase judge. */
  public String ofPhase(PilotRun run, Phase phase) {
    return switch (phase) {
      case PRE_CHECKLIST -> export.sections(run, Set.of("pre"));
      case ONBOARDING -> export.sections(run, Set.of("pre", "phase1")) + verification(run);
      case EXECUTION -> export.sections(run, Set.of("phase2")) + issues(run) + feedback(run);
      case EXIT -> summary(run) + export.sections(run, Set.of("phase3")) + exitCriteria(run);
      case MILESTONE_REVIEW ->
          export.sections(run, Set.of("pre", "phase1", "phase2", "phase3", "review"));
    };
  }

  /** What "Review and test fix" judges: the fix of its own issue, as the fix task recorded it. */
  public String ofFix(PilotRun run, String reviewActivityInstanceId) {
    List<String> fixes = export.completionsBeside(run, reviewActivityInstanceId, FIX_TASKS);
    return "#### The fix under review\n\n"
        + (fixes.isEmpty()
            ? "- No fix recorded for this issue yet"
            : fixes.stream().map(fix -> "- " + fix).collect(Collectors.joining("\n")));
  }

  private String verification(PilotRun run) {
    Object report =
        history
            .variables(run.processInstanceId(), Variables.ONBOARDING_VERIFICATION_REPORT)
            .get(Variables.ONBOARDING_VERIFICATION_REPORT);
    if (report == null) {
      return "";
    }
    return "\n\n**Onboarding verification (automatic checks, latest run)**\n\n"
        + report
            .toString()
            .lines()
            .filter(line -> !line.isBlank())
            .map(UnderReview::check)
            .collect(Collectors.joining("\n"));
  }

  /** "PASS route: …" or "FAIL health: …" as a ticked or crossed line. */
  private static String check(String line) {
    String mark =
        line.startsWith("PASS ")
            ? "\u2714 passed: "
            : line.startsWith("FAIL ") ? "\u2718 failed: " : "";
    String rest = mark.isEmpty() ? line : line.substring(5);
    return "- " + mark + MarkdownText.inline(rest);
  }

  private String issues(PilotRun run) {
    List<IssueView> reported = issues.ofRun(run.id());
    StringBuilder md = new StringBuilder("\n\n**Issues reported** (").append(reported.size());
    md.append(")\n\n");
    if (reported.isEmpty()) {
      return md.append("- None").toString();
    }
    for (IssueView issue : reported) {
      md.append("- ")
          .append(MarkdownText.inline(issue.externalId()))
          .append(" (")
          .append(MarkdownText.inline(issue.severity()))
          .append(", ")
          .append(MarkdownText.inline(issue.component()))
          .append(") ")
          .append(MarkdownText.inline(issue.summary()))
          .append("\n  - Reported ")
          .append(HumanTime.when(issue.reportedAt()))
          .append("; ")
          .append(response(issue))
          .append("\n  - ")
          .append(resolution(issue))
          .append('\n');
    }
    return md.toString().stripTrailing();
  }

  private static String response(IssueView issue) {
    if (issue.slaBreachedAt() != null) {
      return "response SLA breached: due "
          + HumanTime.when(issue.responseDueAt())
          + ", escalated "
          + HumanTime.when(issue.slaBreachedAt());
    }
    if (issue.firstResponseAt() == null) {
      return "first response due " + HumanTime.when(issue.responseDueAt());
    }
    return (issue.firstResponseAt().isAfter(issue.responseDueAt())
            ? "response SLA missed: first response "
            : "response SLA met: first response ")
        + HumanTime.when(issue.firstResponseAt());
  }

  private static String resolution(IssueView issue) {
    if (issue.resolvedAt() == null) {
      return "Open, resolution due " + HumanTime.when(issue.resolutionDueAt());
    }
    return "Resolved as "
        + MarkdownText.inline(issue.resolution())
        + " on "
        + HumanTime.when(issue.resolvedAt())
        + ", "
        + HumanTime.duration(Duration.between(issue.reportedAt(), issue.resolvedAt()))
        + " after its report"
        + (issue.resolutionComment() == null || issue.resolutionComment().isBlank()
            ? ""
            : "; comment: " + MarkdownText.inline(issue.resolutionComment()));
  }

  private String feedback(PilotRun run) {
    List<FeedbackItem> received = feedback.ofRun(run);
    StringBuilder md = new StringBuilder("\n\n**Feedback received** (").append(received.size());
    md.append(")\n\n");
    if (received.isEmpty()) {
      return md.append("- None").toString();
    }
    for (FeedbackItem item : received) {
      md.append("- ")
          .append(MarkdownText.inline(item.externalId()))
          .append(" from ")
          .append(MarkdownText.inline(item.source()))
          .append(" on ")
          .append(HumanTime.when(item.receivedAt()))
          .append(": ")
          .append(MarkdownText.inline(item.text()))
          .append("\n  - ");
      if (!item.categorized()) {
        md.append("Not categorized yet\n");
        continue;
      }
      md.append("Categorized as ")
          .append(MarkdownText.inline(item.category()))
          .append(" by ")
          .append(
              MarkdownText.inline(item.categorizedBy() == null ? "unknown" : item.categorizedBy()))
          .append(" on ")
          .append(HumanTime.when(item.categorizedAt()));
      if (!item.candidates().isEmpty()) {
        md.append("; enhancement candidates: ")
            .append(
                item.candidates().stream()
                    .map(MarkdownText::inline)
                    .collect(Collectors.joining("; ")));
      }
      if (item.comment() != null && !item.comment().isBlank()) {
        md.append("; comment: ").append(MarkdownText.inline(item.comment()));
      }
      md.append('\n');
    }
    return md.toString().stripTrailing();
  }

  /** The confirmed summary, rendered; the compiled draft while nobody has confirmed it. */
  private String summary(PilotRun run) {
    Optional<PilotSummaries.Stored> stored = summaries.find(run);
    if (stored.isEmpty()) {
      return "#### Pilot summary\n\nNot compiled yet.\n\n";
    }
    PilotSummaries.Stored summary = stored.get();
    if (summary.confirmedText() == null) {
      return "#### Pilot summary (draft, not confirmed yet)\n\n"
          + MarkdownText.embedded(summary.compiledMarkdown())
          + "\n\n";
    }
    return "#### Pilot summary\n\nConfirmed by "
        + MarkdownText.inline(summary.confirmedBy() == null ? "unknown" : summary.confirmedBy())
        + " on "
        + HumanTime.when(summary.confirmedAt())
        + ".\n\n"
        + MarkdownText.embedded(summary.confirmedText().strip())
        + "\n\n";
  }

  /** Each phase's exit criterion, met or not, and the critical issues still open. */
  private String exitCriteria(PilotRun run) {
    Set<String> ended = history.endedActivityIds(run.processInstanceId());
    StringBuilder md = new StringBuilder("\n\n**Exit criteria of the milestone**\n\n");
    for (Phase phase : Phase.values()) {
      md.append(ended.contains(phase.endEventId()) ? "- \u2611 " : "- \u2610 ")
          .append(phase.title())
          .append(": ")
          .append(phase.exitCriterion())
          .append('\n');
    }
    long openCritical =
        issues.ofRun(run.id()).stream()
            .filter(issue -> PilotIssues.CRITICAL.equals(issue.severity()))
            .filter(issue -> issue.resolvedAt() == null)
            .count();
    return md.append("\nCritical issues open now: ").append(openCritical).toString();
  }
}
