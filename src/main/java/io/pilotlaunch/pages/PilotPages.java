package io.pilotlaunch.pages;

import static io.pilotlaunch.pages.Html.cell;
import static io.pilotlaunch.pages.Html.link;
import static io.pilotlaunch.pages.Html.text;

import io.pilotlaunch.authentication.Browsers;
import io.pilotlaunch.authentication.WebappLogin;
import io.pilotlaunch.operations.IssueView;
import io.pilotlaunch.operations.PilotIssues;
import io.pilotlaunch.overview.PilotListRequest;
import io.pilotlaunch.overview.PilotOverview;
import io.pilotlaunch.overview.PilotOverview.IncidentLine;
import io.pilotlaunch.overview.PilotView;
import io.pilotlaunch.overview.PilotViews;
import io.pilotlaunch.overview.PilotViews.PilotPage;
import io.pilotlaunch.pilot.PilotRuns.PilotRun;
import io.pilotlaunch.pilot.VisiblePilots;
import io.pilotlaunch.process.Phase;
import io.pilotlaunch.signoff.MilestoneExport;
import io.pilotlaunch.signoff.MilestoneExport.Progress;
import io.pilotlaunch.signoff.MilestoneHandOff;
import io.pilotlaunch.teams.Team;
import io.pilotlaunch.web.ApiException;
import io.pilotlaunch.web.CallerRules;
import io.pilotlaunch.web.HumanTime;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The milestone owner's pages: every pilot at a glance (Cockpit's Community edition shows no
 * finished instances) and each pilot's ticked milestone document. Opened with the webapps' login
 * (from a Tasklist form, say) or HTTP Basic; server-rendered, all user text escaped, no script
 * ({@link PageHeaders}).
 */
@Controller
class PilotPages {

  private static final String TASKLIST = "/camunda/app/tasklist/default/";
  private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

  private final VisiblePilots pilots;
  private final PilotViews views;
  private final PilotOverview overview;
  private final MilestoneExport export;
  private final MilestoneHandOff handOff;
  private final PilotIssues issues;
  private final CallerRules caller;
  private final Clock clock;

  PilotPages(
      VisiblePilots pilots,
      PilotViews views,
      PilotOverview overview,
      MilestoneExport export,
      MilestoneHandOff handOff,
      PilotIssues issues,
      CallerRules caller,
      Clock clock) {
    this.pilots = pilots;
    this.views = views;
    this.overview = overview;
    this.export = export;
    this.handOff = handOff;
    this.issues = issues;
    this.caller = caller;
    this.clock = clock;
  }

  /**
   * A page of pilots, newest first, with the filters and paging of GET /api/pilots ({@link
   * PilotListRequest}); everything on a row is read for the whole page at once.
   */
  @GetMapping("/pilots")
  ResponseEntity<String> pilots(
      HttpServletRequest request,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String phase,
      @RequestParam(required = false) String team,
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String after) {
    PilotListRequest listing = PilotListRequest.parse(status, phase, team, limit, after);
    PilotPage page = views.page(listing);
    Map<Long, Progress> progress = overview.progressOf(page.runs());
    Map<String, List<IncidentLine>> incidents = overview.incidentsOf(page.runs());
    List<Long> runIds = page.runs().stream().map(PilotRun::id).toList();
    Map<Long, List<IssueView>> issuesByRun = caller.asSystem(() -> issues.ofRuns(runIds));
    Map<Long, MilestoneHandOff.HandOff> handOffs = caller.asSystem(() -> handOff.of(page.runs()));
    StringBuilder body =
        new StringBuilder("<h1>Pilots</h1><nav>")
            .append(link(TASKLIST, "Tasklist"))
            .append(link("/camunda/app/cockpit/default/", "Cockpit"))
            .append("</nav>")
            .append(filters(listing))
            .append("<table class=\"cards\"><thead><tr><th>Tenant</th><th>Status</th>")
            .append("<th>Phase</th><th>Progress</th><th>Open items per team</th>")
            .append("<th>Open issues</th><th>Incidents</th><th>Milestone 7</th><th>Links</th>")
            .append("</tr></thead><tbody>");
    for (int i = 0; i < page.runs().size(); i++) {
      PilotRun run = page.runs().get(i);
      PilotView view = page.views().get(i);
      Progress done = progress.get(run.id());
      body.append("<tr>")
          .append(
              cell(
                  "Tenant",
                  link("/pilots/" + run.tenantId(), run.tenantId())
                      + "<br><span class=\"muted\">"
                      + text(view.tenantName())
                      + " · "
                      + text(view.environment())
                      + " "
                      + text(view.region())
                      + "</span>"))
          .append(
              cell(
                  "Status",
                  text(view.status())
                      + "<br><span class=\"muted\">"
                      + text(view.milestoneStatus())
                      + "</span>"))
          .append(cell("Phase", text(view.currentPhase() == null ? "—" : view.currentPhase())))
          .append(
              cell(
                  "Progress",
                  done == null
                      ? "history removed"
                      : done.ticked() + " of " + done.boxes() + " items"))
          .append(cell("Open items per team", openItemsPerTeam(view)))
          .append(cell("Open issues", openIssues(issuesByRun.getOrDefault(run.id(), List.of()))))
          .append(
              cell(
                  "Incidents",
                  incidents(run, incidents.getOrDefault(run.processInstanceId(), List.of()))))
          .append(cell("Milestone 7", handOff(Optional.ofNullable(handOffs.get(run.id())))))
          .append(cell("Links", links(run)))
          .append("</tr>");
    }
    body.append("</tbody></table>");
    if (page.runs().isEmpty()) {
      body.append(
          listing.after() == null && listing.filterQuery().isEmpty()
              ? "<p>No pilot yet: start one in " + link(TASKLIST, "Tasklist") + ".</p>"
              : "<p>No pilot on this page.</p>");
    }
    page.next()
        .ifPresent(
            next ->
                body.append("<nav>")
                    .append(link("/pilots?" + listing.queryAfter(next), "Next page"))
                    .append("</nav>"));
    return html(HttpStatus.OK, Html.page("Pilots", account(request), body.toString()));
  }

  /** Links that filter by status, phase and team, each keeping the other filters. */
  private static String filters(PilotListRequest listing) {
    StringBuilder out = new StringBuilder("<nav class=\"filters\">Status: ");
    out.append(
        choice(
            listing.with(Optional.empty(), listing.phase(), listing.team()),
            "any",
            listing.status().isEmpty()));
    for (PilotListRequest.Status status : PilotListRequest.Status.values()) {
      out.append(
          choice(
              listing.with(Optional.of(status), listing.phase(), listing.team()),
              status.name().toLowerCase(),
              listing.status().equals(Optional.of(status))));
    }
    out.append("</nav><nav class=\"filters\">Phase: ")
        .append(
            choice(
                listing.with(listing.status(), Optional.empty(), listing.team()),
                "any",
                listing.phase().isEmpty()));
    for (Phase phase : Phase.values()) {
      out.append(
          choice(
              listing.with(listing.status(), Optional.of(phase), listing.team()),
              phase.title(),
              listing.phase().equals(Optional.of(phase))));
    }
    out.append("</nav><nav class=\"filters\">Open items for: ")
        .append(
            choice(
                listing.with(listing.status(), listing.phase(), Optional.empty()),
                "any team",
                listing.team().isEmpty()));
    for (Team team : Team.values()) {
      out.append(
          choice(
              listing.with(listing.status(), listing.phase(), Optional.of(team)),
              team.displayName(),
              listing.team().equals(Optional.of(team))));
    }
    return out.append("</nav>").toString();
  }

  /** The chosen filter as bold text, any other as a link to the first page with it. */
  private static String choice(PilotListRequest choice, String label, boolean chosen) {
    if (chosen) {
      return "<strong>" + text(label) + "</strong> ";
    }
    String query = choice.filterQuery();
    return link(query.isEmpty() ? "/pilots" : "/pilots?" + query, label) + " ";
  }

  @GetMapping("/pilots/{tenantId}")
  ResponseEntity<String> pilot(@PathVariable String tenantId, HttpServletRequest request) {
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
            + openIssues(caller.asSystem(() -> issues.ofRun(run.id())))
            + ". Incidents: "
            + incidents(
                run,
                overview.incidentsOf(List.of(run)).getOrDefault(run.processInstanceId(), List.of()))
            + "</p><p>Hand-off to Milestone 7: "
            + handOff(caller.asSystem(() -> handOff.of(run)))
            + "</p>"
            + Html.markdown(document);
    return html(HttpStatus.OK, Html.page("Milestone 6 — " + tenantId, account(request), body));
  }

  /** Ends the webapps' session the page was opened with; then the webapps' login page. */
  @PostMapping("/pilots/logout")
  ResponseEntity<Void> logout(
      HttpServletRequest request, @RequestParam(required = false) String token) {
    if (!WebappLogin.logOut(request, token)) {
      throw ApiException.forbidden(
          "This logout form is not from your session: open the page again and log out there.");
    }
    return ResponseEntity.status(HttpStatus.SEE_OTHER)
        .location(URI.create(request.getContextPath() + WebappLogin.LOGIN_PAGE))
        .build();
  }

  /** A person's browser gets a page that says what is wrong; a script the problem document. */
  @ExceptionHandler(ApiException.class)
  ResponseEntity<?> refused(ApiException refusal, HttpServletRequest request) {
    if (Browsers.askForHtml(request)) {
      String body =
          "<h1>"
              + text(refusal.status().getReasonPhrase())
              + "</h1><p>"
              + text(refusal.getMessage())
              + "</p><nav>"
              + link("/pilots", "All pilots")
              + link(TASKLIST, "Tasklist")
              + "</nav>";
      return html(
          refusal.status(), Html.page(refusal.status().getReasonPhrase(), account(request), body));
    }
    return ResponseEntity.status(refusal.status())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemDetail.forStatusAndDetail(refusal.status(), refusal.getMessage()));
  }

  private static ResponseEntity<String> html(HttpStatus status, String page) {
    return ResponseEntity.status(status).contentType(HTML).body(page);
  }

  /** Who is signed in, and a way out for a webapps' login (a Basic login ends with the browser). */
  private String account(HttpServletRequest request) {
    String who = "Signed in as " + text(caller.userId());
    HttpSession session = request.getSession(false);
    if (request.getAttribute(WebappLogin.WITH_WEBAPP_LOGIN) == null || session == null) {
      return who;
    }
    return who
        + " <form method=\"post\" action=\"/pilots/logout\"><input type=\"hidden\""
        + " name=\"token\" value=\""
        + text(WebappLogin.logoutToken(session))
        + "\"><button type=\"submit\">Log out</button></form>";
  }

  /** What failed, by the model's name of the step, with the failure's own words. */
  private static String incidents(PilotRun run, List<IncidentLine> incidents) {
    if (incidents.isEmpty()) {
      return "none";
    }
    return incidents.stream()
            .map(
                incident ->
                    "<span class=\"overdue\">"
                        + text(incident.step())
                        + "</span>: "
                        + text(
                            incident.message() == null
                                ? "failed without a message"
                                : incident.message()))
            .collect(Collectors.joining("<br>"))
        + "<br>"
        + link(cockpit(run) + "?tab=incidents-tab", "Open in Cockpit");
  }

  private static String cockpit(PilotRun run) {
    return "/camunda/app/cockpit/default/#/process-instance/"
        + run.processInstanceId()
        + "/runtime";
  }

  private static String links(PilotRun run) {
    String pilot = "/api/pilots/" + run.tenantId();
    return link("/pilots/" + run.tenantId(), "Document")
        + " "
        + link(pilot + "/summary", "Summary")
        + " "
        + link(pilot + "/milestone.md", "Markdown")
        + " "
        + link(cockpit(run), "Cockpit")
        + " "
        + link(TASKLIST, "Tasklist");
  }

  /**
   * The Milestone 7 instance the pilot handed its enhancement candidates to, its state and each
   * candidate with what became of it; the document's "Next Steps" says the same.
   */
  private static String handOff(Optional<MilestoneHandOff.HandOff> handedOff) {
    return handedOff
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
  private String openIssues(List<IssueView> ofRun) {
    List<IssueView> open =
        ofRun.stream()
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
