package io.pilotlaunch.pages;

import io.pilotlaunch.authentication.WebappLogin;
import io.pilotlaunch.pages.PageModel.Account;
import io.pilotlaunch.roadmap.Roadmap;
import io.pilotlaunch.roadmap.RoadmapIndex.Milestone;
import io.pilotlaunch.roadmap.RoadmapStatus;
import io.pilotlaunch.teams.Team;
import io.pilotlaunch.web.ApiException;
import io.pilotlaunch.web.HumanTime;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The roadmap index as a page ({@code /roadmap}): each milestone with its owner, status and who
 * changed it when; for the milestones the caller owns, a form that changes status and owner. The
 * form is offered with the webapps' login only: it carries the session's token, so a form posted
 * from another site is refused (HTTP Basic has no session to hold one; it changes the index through
 * {@code PATCH /api/roadmap/{milestone}}).
 */
@Controller
class RoadmapPage {

  record Option(String value, String label) {}

  record Row(
      String id,
      String name,
      String ownerGroup,
      String owner,
      String status,
      String changedBy,
      String changedAt,
      boolean mayChange) {}

  private static final List<Option> STATUSES =
      RoadmapStatus.labels().stream().map(label -> new Option(label, label)).toList();

  private static final List<Option> TEAMS =
      Arrays.stream(Team.values())
          .map(team -> new Option(team.groupId(), team.displayName()))
          .toList();

  private final Roadmap roadmap;
  private final HumanTime humanTime;
  private final PageFrame frame;

  RoadmapPage(Roadmap roadmap, HumanTime humanTime, PageFrame frame) {
    this.roadmap = roadmap;
    this.frame = frame;
    this.humanTime = humanTime;
  }

  @GetMapping("/roadmap")
  String roadmap(HttpServletRequest request, Model model) {
    List<Row> rows = roadmap.milestones().stream().map(this::row).toList();
    Account account = frame.account(request);
    model.addAttribute("rows", rows);
    model.addAttribute("statuses", STATUSES);
    model.addAttribute("teams", TEAMS);
    model.addAttribute("formToken", account.logoutToken());
    frame.addTo(model.asMap(), request);
    return "roadmap/index";
  }

  /** The form's change; back to the index, which shows it. */
  @PostMapping("/roadmap/{milestoneId}")
  ResponseEntity<Void> change(
      HttpServletRequest request,
      @PathVariable String milestoneId,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String owner,
      @RequestParam(required = false) String token) {
    if (!WebappLogin.isFormOfSession(request, token)) {
      throw ApiException.forbidden(
          "This form is not from your session: open /roadmap again (logged in through Tasklist)"
              + " and change the milestone there; nothing was changed.");
    }
    roadmap.change(milestoneId, status, owner);
    return ResponseEntity.status(HttpStatus.SEE_OTHER)
        .location(URI.create(request.getContextPath() + "/roadmap"))
        .build();
  }

  private Row row(Milestone milestone) {
    return new Row(
        milestone.id(),
        milestone.name(),
        milestone.ownerGroup(),
        Roadmap.ownerName(milestone),
        milestone.status().label(),
        milestone.changedBy(),
        humanTime.when(milestone.changedAt()),
        roadmap.mayChange(milestone));
  }
}
