package io.pilotlaunch.pages;

import io.pilotlaunch.authentication.WebappLogin;
import io.pilotlaunch.milestones.MilestoneDefinition;
import io.pilotlaunch.milestones.MilestoneDefinitions;
import io.pilotlaunch.operations.IssueView;
import io.pilotlaunch.operations.PilotIssues;
import io.pilotlaunch.operations.Severities;
import io.pilotlaunch.overview.PilotListRequest;
import io.pilotlaunch.overview.PilotOverview;
import io.pilotlaunch.overview.PilotOverview.IncidentLine;
import io.pilotlaunch.overview.PilotView;
import io.pilotlaunch.overview.PilotViews;
import io.pilotlaunch.overview.PilotViews.PilotPage;
import io.pilotlaunch.pages.PageModel.Candidate;
import io.pilotlaunch.pages.PageModel.Choice;
import io.pilotlaunch.pages.PageModel.Filter;
import io.pilotlaunch.pages.PageModel.HandOff;
import io.pilotlaunch.pages.PageModel.Incident;
import io.pilotlaunch.pages.PageModel.Incidents;
import io.pilotlaunch.pages.PageModel.IssueClock;
import io.pilotlaunch.pages.PageModel.Link;
import io.pilotlaunch.pages.PageModel.Row;
import io.pilotlaunch.pages.PageModel.TeamCount;
import io.pilotlaunch.pilot.PilotRuns.PilotRun;
import io.pilotlaunch.pilot.VisiblePilots;
import io.pilotlaunch.process.Phase;
import io.pilotlaunch.signoff.MilestoneExport;
import io.pilotlaunch.signoff.MilestoneExport.Exported;
import io.pilotlaunch.signoff.MilestoneExport.Progress;
import io.pilotlaunch.signoff.MilestoneHandOff;
import io.pilotlaunch.teams.Team;
import io.pilotlaunch.web.ApiException;
import io.pilotlaunch.web.CallerRules;
import io.pilotlaunch.web.HumanTime;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The milestone owner's pages: every pilot at a glance (Cockpit's Community edition shows no
 * finished instances) and each pilot's ticked milestone document. Opened with the webapps' login
 * (from a Tasklist form, say) or HTTP Basic; server-rendered from the Thymeleaf templates under
 * {@code templates/pilots/} (one layout, every value escaped by {@code th:text}), no script ({@link
 * PageHeaders}).
 */
@Controller
class PilotPages {

  private static final String TASKLIST = "/camunda/app/tasklist/default/";

  private final VisiblePilots pilots;
  private final PilotViews views;
  private final PilotOverview overview;
  private final MilestoneExport export;
  private final MilestoneHandOff handOff;
  private final PilotIssues issues;
  private final CallerRules caller;
  private final Clock clock;
  private final HumanTime humanTime;
  private final Severities severities;
  private final MilestoneDefinition milestone;
  private final PageFrame frame;

  PilotPages(
      VisiblePilots pilots,
      PilotViews views,
      PilotOverview overview,
      MilestoneExport export,
      MilestoneHandOff handOff,
      PilotIssues issues,
      CallerRules caller,
      Clock clock,
      HumanTime humanTime,
      Severities severities,
      MilestoneDefinitions definitions,
      PageFrame frame) {
    this.pilots = pilots;
    this.views = views;
    this.overview = overview;
    this.export = export;
    this.handOff = handOff;
    this.issues = issues;
    this.caller = caller;
    this.clock = clock;
    this.humanTime = humanTime;
    this.severities = severities;
    this.milestone = definitions.ofPilots();
    this.frame = frame;
  }

  /**
   * A page of pilots, newest first, with the filters and paging of GET /api/pilots ({@link
   * PilotListRequest}); everything on a row is read for the whole page at once.
   */
  @GetMapping("/pilots")
  String pilots(
      HttpServletRequest request,
      Model model,
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
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < page.runs().size(); i++) {
      PilotRun run = page.runs().get(i);
      PilotView view = page.views().get(i);
      Progress done = progress.get(run.id());
      rows.add(
          new Row(
              run.tenantId(),
              orEmpty(view.tenantName()),
              orEmpty(view.environment()),
              orEmpty(view.region()),
              orEmpty(view.status()),
              orEmpty(view.milestoneStatus()),
              view.currentPhase() == null ? "—" : view.currentPhase(),
              done == null ? "history removed" : done.ticked() + " of " + done.boxes() + " items",
              openItemsPerTeam(view),
              openIssues(issuesByRun.getOrDefault(run.id(), List.of())),
              incidents(run, incidents.getOrDefault(run.processInstanceId(), List.of())),
              handOff(Optional.ofNullable(handOffs.get(run.id()))),
              links(run)));
    }
    model.addAttribute("title", "Pilots of " + milestone.heading());
    model.addAttribute("successor", successor());
    model.addAttribute("filters", filters(listing));
    model.addAttribute("rows", rows);
    model.addAttribute(
        "empty",
        !rows.isEmpty()
            ? "no"
            : listing.after() == null && listing.filterQuery().isEmpty() ? "first" : "page");
    model.addAttribute(
        "next", page.next().map(next -> "/pilots?" + listing.queryAfter(next)).orElse(null));
    return page(model, request, "pilots/list");
  }

  /** Links that filter by status, phase and team, each keeping the other filters. */
  private static List<Filter> filters(PilotListRequest listing) {
    List<Choice> statuses = new ArrayList<>();
    statuses.add(
        choice(
            listing.with(Optional.empty(), listing.phase(), listing.team()),
            "any",
            listing.status().isEmpty()));
    for (PilotListRequest.Status status : PilotListRequest.Status.values()) {
      statuses.add(
          choice(
              listing.with(Optional.of(status), listing.phase(), listing.team()),
              status.name().toLowerCase(),
              listing.status().equals(Optional.of(status))));
    }
    List<Choice> phases = new ArrayList<>();
    phases.add(
        choice(
            listing.with(listing.status(), Optional.empty(), listing.team()),
            "any",
            listing.phase().isEmpty()));
    for (Phase phase : Phase.values()) {
      phases.add(
          choice(
              listing.with(listing.status(), Optional.of(phase), listing.team()),
              phase.title(),
              listing.phase().equals(Optional.of(phase))));
    }
    List<Choice> teams = new ArrayList<>();
    teams.add(
        choice(
            listing.with(listing.status(), listing.phase(), Optional.empty()),
            "any team",
            listing.team().isEmpty()));
    for (Team team : Team.values()) {
      teams.add(
          choice(
              listing.with(listing.status(), listing.phase(), Optional.of(team)),
              team.displayName(),
              listing.team().equals(Optional.of(team))));
    }
    return List.of(
        new Filter("Status", statuses),
        new Filter("Phase", phases),
        new Filter("Open items for", teams));
  }

  /** The chosen filter without a link, any other as a link to the first page with it. */
  private static Choice choice(PilotListRequest choice, String label, boolean chosen) {
    if (chosen) {
      return new Choice(label, null);
    }
    String query = choice.filterQuery();
    return new Choice(label, query.isEmpty() ? "/pilots" : "/pilots?" + query);
  }

  /**
   * The pilot's ticked document; with {@code milestone} (an id such as {@code m7}), that of the
   * milestone its run started.
   */
  @GetMapping("/pilots/{tenantId}")
  String pilot(
      @PathVariable String tenantId,
      @RequestParam(required = false) String milestone,
      HttpServletRequest request,
      Model model) {
    PilotRun run = pilots.current(tenantId);
    Exported exported = caller.asSystem(() -> export.export(run, milestone));
    boolean own = exported.milestone().equals(this.milestone);
    model.addAttribute("title", "Milestone " + exported.milestone().number() + " — " + tenantId);
    model.addAttribute("successor", own ? successor() : null);
    model.addAttribute("tenantId", tenantId);
    model.addAttribute("links", links(run));
    model.addAttribute("startedAt", humanTime.when(run.startedAt()));
    model.addAttribute("startedBy", run.startedBy());
    model.addAttribute("openIssues", openIssues(caller.asSystem(() -> issues.ofRun(run.id()))));
    model.addAttribute(
        "incidents",
        incidents(
            run,
            overview.incidentsOf(List.of(run)).getOrDefault(run.processInstanceId(), List.of())));
    model.addAttribute("handOff", handOff(caller.asSystem(() -> handOff.of(run))));
    model.addAttribute("document", Html.markdown(exported.document()));
    return page(model, request, "pilots/pilot");
  }

  /** "Milestone 7": where the pilots' milestone hands off, as its document names it; or null. */
  private String successor() {
    return milestone.successor().map(next -> "Milestone " + next.number()).orElse(null);
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

  /** What every page shows besides its own content: the style and who is signed in. */
  private String page(Model model, HttpServletRequest request, String view) {
    frame.addTo(model.asMap(), request);
    return view;
  }

  /** What failed, by the model's name of the step, with the failure's own words. */
  private static Incidents incidents(PilotRun run, List<IncidentLine> incidents) {
    return new Incidents(
        incidents.stream()
            .map(
                incident ->
                    new Incident(
                        incident.step(),
                        incident.message() == null
                            ? "failed without a message"
                            : incident.message()))
            .toList(),
        cockpit(run) + "?tab=incidents-tab");
  }

  private static String cockpit(PilotRun run) {
    return "/camunda/app/cockpit/default/#/process-instance/"
        + run.processInstanceId()
        + "/runtime";
  }

  private static List<Link> links(PilotRun run) {
    String pilot = "/api/pilots/" + run.tenantId();
    return List.of(
        new Link("/pilots/" + run.tenantId(), "Document"),
        new Link(pilot + "/summary", "Summary"),
        new Link(pilot + "/milestone.md", "Markdown"),
        new Link(cockpit(run), "Cockpit"),
        new Link(TASKLIST, "Tasklist"));
  }

  /**
   * The Milestone 7 instance the pilot handed its enhancement candidates to, its state and each
   * candidate with what became of it; the document's "Next Steps" says the same. Null: not yet.
   */
  private static HandOff handOff(Optional<MilestoneHandOff.HandOff> handedOff) {
    return handedOff
        .map(
            m7 ->
                new HandOff(
                    m7.state()
                        + ", "
                        + m7.candidates().size()
                        + (m7.candidates().size() == 1 ? " candidate" : " candidates"),
                    m7.candidates().stream()
                        .map(candidate -> new Candidate(candidate.text(), status(candidate)))
                        .toList(),
                    "running".equals(m7.state())
                        ? "/camunda/app/cockpit/default/#/process-instance/"
                            + m7.processInstanceId()
                            + "/runtime"
                        : null))
        .orElse(null);
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

  private static List<TeamCount> openItemsPerTeam(PilotView view) {
    return view.openChecklistItems().stream()
        .collect(
            Collectors.groupingBy(PilotView.OpenItem::team, TreeMap::new, Collectors.counting()))
        .entrySet()
        .stream()
        .map(entry -> new TeamCount(entry.getKey(), entry.getValue()))
        .toList();
  }

  /** Open issues, most severe first, each with the SLA clock that runs now. */
  private List<IssueClock> openIssues(List<IssueView> ofRun) {
    Instant now = clock.instant();
    return ofRun.stream()
        .filter(issue -> issue.resolvedAt() == null)
        .sorted(Comparator.comparing(issue -> severities.rank(issue.severity())))
        .map(
            issue -> {
              boolean responded = issue.firstResponseAt() != null;
              Instant due = responded ? issue.resolutionDueAt() : issue.responseDueAt();
              boolean late = now.isAfter(due);
              return new IssueClock(
                  issue.externalId(),
                  issue.severity(),
                  late,
                  (responded ? "resolution " : "first response ")
                      + (late
                          ? "overdue by " + HumanTime.duration(Duration.between(due, now))
                          : "due in " + HumanTime.duration(Duration.between(now, due))));
            })
        .toList();
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
