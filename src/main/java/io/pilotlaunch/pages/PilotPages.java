package io.pilotlaunch.pages;

import static io.pilotlaunch.pages.Html.link;
import static io.pilotlaunch.pages.Html.text;

import io.pilotlaunch.api.CallerRules;
import io.pilotlaunch.api.HumanTime;
import io.pilotlaunch.operations.IssueView;
import io.pilotlaunch.operations.PilotIssues;
import io.pilotlaunch.pilot.PilotRuns.PilotRun;
import io.pilotlaunch.pilot.VisiblePilots;
import io.pilotlaunch.readmodel.PilotView;
import io.pilotlaunch.readmodel.PilotViews;
import io.pilotlaunch.signoff.MilestoneExport;
import io.pilotlaunch.signoff.MilestoneHandOff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The milestone owner's pages, behind the same login as the API: every pilot at a glance (Cockpit's
 * Community edition shows no finished instances) and each pilot's ticked milestone document.
 * Server-rendered, all user text escaped.
 */
@Controller
class PilotPages {

  private static final String TASKLIST = "/camunda/app/tasklist/default/";

  private final VisiblePilots pilots;
  private final PilotViews views;
  private final MilestoneExport export;
  private final MilestoneHandOff handOff;
  private final PilotIssues issues;
  private final RuntimeService runtimeService;
  private final CallerRules caller;
  private final Clock clock;

  PilotPages(
      VisiblePilots pilots,
      PilotViews views,
      MilestoneExport export,
      MilestoneHandOff handOff,
      PilotIssues issues,
      RuntimeService runtimeService,
      CallerRules caller,
      Clock clock) {
    this.pilots = pilots;
    this.views = views;
    this.export = export;
    this.handOff = handOff;
    this.issues = issues;
    this.runtimeService = runtimeService;
    this.caller = caller;
    this.clock = clock;
  }

  @GetMapping(path = "/pilots", produces = MediaType.TEXT_HTML_VALUE)
  @ResponseBody
  String pilots() {
    List<PilotRun> runs =
        pilots.current().stream()
            .sorted(Comparator.comparing(PilotRun::startedAt).reversed())
            .toList();
    StringBuilder body =
        new StringBuilder("<h1>Pilots</h1><nav>")
            .append(link(TASKLIST, "Tasklist"))
            .append(link("/camunda/app/cockpit/default/", "Cockpit"))
            .append("</nav><table><thead><tr><th>Tenant</th><th>Status</th><th>Phase</th>")
            .append("<th>Progress</th><th>Open items per team</th><th>Open issues</th>")
            .append("<th>Incidents</th><th>Milestone 7</th><th>Links</th></tr></thead><tbody>");
    for (PilotRun run : runs) {
      PilotView view = views.view(run);
      String document = caller.asSystem(() -> export.export(run));
      long ticked = document.lines().filter(line -> line.startsWith("- [x] ")).count();
      long boxes = ticked + document.lines().filter(line -> line.startsWith("- [ ] ")).count();
      long incidents =
          caller.asSystem(
              () ->
                  runtimeService
                      .createIncidentQuery()
                      .processInstanceId(run.processInstanceId())
                      .count());
      body.append("<tr><td>")
          .append(link("/pilots/" + run.tenantId(), run.tenantId()))
          .append("<br><span class=\"muted\">")
          .append(text(view.tenantName()))
          .append(" · ")
          .append(text(view.environment()))
          .append(" ")
          .append(text(view.region()))
          .append("</span></td><td>")
          .append(text(view.status()))
          .append("<br><span class=\"muted\">")
          .append(text(view.milestoneStatus()))
          .append("</span></td><td>")
          .append(text(view.currentPhase() == null ? "—" : view.currentPhase()))
          .append("</td><td>")
          .append(ticked)
          .append(" of ")
          .append(boxes)
          .append(" items</td><td>")
          .append(openItemsPerTeam(view))
          .append("</td><td>")
          .append(openIssues(run))
          .append("</td><td>")
          .append(incidents == 0 ? "0" : "<span class=\"overdue\">" + incidents + "</span>")
          .append("</td><td>")
          .append(handOff(run))
          .append("</td><td>")
          .append(links(run))
          .append("</td></tr>");
    }
    body.append("</tbody></table>");
    if (runs.isEmpty()) {
      body.append("<p>No pilot yet: start one in ")
          .append(link(TASKLIST, "Tasklist"))
          .append(".</p>");
    }
    return Html.page("Pilots", body.toString());
  }

  @GetMapping(path = "/pilots/{tenantId}", produces = MediaType.TEXT_HTML_VALUE)
  @ResponseBody
  String pilot(@PathVariable String tenantId) {
    PilotRun run = pilots.current(tenantId);
    String document = caller.asSystem(() -> export.export(run));
    String body =
        "<nav>"
            + link("/pilots", "All pilots")
            + links(run)
            + "</nav>"
            + "<p class=\"muted\">Pilot of "
            + text(tenantId)
            + ", started "
            + text(HumanTime.when(run.startedAt()))
            + (run.startedBy() == null ? "" : " by " + text(run.startedBy()))
            + ". Open issues: "
            + openIssues(run)
            + "</p><p>Hand-off to Milestone 7: "
            + handOff(run)
            + "</p>"
            + Html.markdown(document);
    return Html.page("Milestone 6 — " + tenantId, body);
  }

  private static String links(PilotRun run) {
    String pilot = "/api/pilots/" + run.tenantId();
    return link("/pilots/" + run.tenantId(), "Document")
        + " "
        + link(pilot + "/summary", "Summary")
        + " "
        + link(pilot + "/milestone.md", "Markdown")
        + " "
        + link(
            "/camunda/app/cockpit/default/#/process-instance/"
                + run.processInstanceId()
                + "/runtime",
            "Cockpit")
        + " "
        + link(TASKLIST, "Tasklist");
  }

  /**
   * The Milestone 7 instance the pilot handed its enhancement candidates to, its state and each
   * candidate with what became of it; the document's "Next Steps" says the same.
   */
  private String handOff(PilotRun run) {
    return caller
        .asSystem(() -> handOff.of(run))
        .map(
            m7 ->
                text(m7.state())
                    + ", "
                    + m7.candidates().size()
                    + (m7.candidates().size() == 1 ? " candidate" : " candidates")
                    + (m7.candidates().isEmpty()
                        ? ""
                        : m7.candidates().stream()
                            .map(
                                candidate ->
                                    "<br>"
                                        + text(candidate.text())
                                        + " <span class=\"muted\">("
                                        + text(status(candidate))
                                        + ")</span>")
                            .collect(Collectors.joining()))
                    + ("running".equals(m7.state())
                        ? "<br>"
                            + link(
                                "/camunda/app/cockpit/default/#/process-instance/"
                                    + m7.processInstanceId()
                                    + "/runtime",
                                "Milestone 7 in Cockpit")
                        : ""))
        .orElse("not yet");
  }

  private static String status(MilestoneHandOff.Candidate candidate) {
    return switch (candidate.status()) {
      case OPEN -> "open";
      case PLANNED ->
          Boolean.TRUE.equals(candidate.adrNeeded())
              ? "planned, ADR " + candidate.adrTitle()
              : "planned, no ADR";
      case CANCELLED -> "cancelled";
      case UNKNOWN -> "handed over";
    };
  }

  private static String openItemsPerTeam(PilotView view) {
    Map<String, Long> perTeam =
        view.openChecklistItems().stream()
            .collect(
                Collectors.groupingBy(
                    PilotView.OpenItem::team, TreeMap::new, Collectors.counting()));
    return perTeam.isEmpty()
        ? "none"
        : perTeam.entrySet().stream()
            .map(entry -> text(entry.getKey()) + ": " + entry.getValue())
            .collect(Collectors.joining("<br>"));
  }

  /** Open issues, most severe first, each with the SLA clock that runs now. */
  private String openIssues(PilotRun run) {
    List<IssueView> open =
        caller.asSystem(() -> issues.ofRun(run.id())).stream()
            .filter(issue -> issue.resolvedAt() == null)
            .sorted(Comparator.comparing(issue -> severityRank(issue.severity())))
            .toList();
    if (open.isEmpty()) {
      return "none";
    }
    Instant now = clock.instant();
    return open.stream()
        .map(
            issue -> {
              boolean responded = issue.firstResponseAt() != null;
              Instant due = responded ? issue.resolutionDueAt() : issue.responseDueAt();
              boolean late = now.isAfter(due);
              return text(issue.externalId())
                  + " ("
                  + text(issue.severity())
                  + "): "
                  + (late ? "<span class=\"overdue\">" : "")
                  + (responded ? "resolution " : "first response ")
                  + (late
                      ? "overdue by " + HumanTime.duration(Duration.between(due, now))
                      : "due in " + HumanTime.duration(Duration.between(now, due)))
                  + (late ? "</span>" : "");
            })
        .collect(Collectors.joining("<br>"));
  }

  private static int severityRank(String severity) {
    return switch (severity) {
      case "critical" -> 0;
      case "high" -> 1;
      case "medium" -> 2;
      default -> 3;
    };
  }
}
