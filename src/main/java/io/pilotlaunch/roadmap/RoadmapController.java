package io.pilotlaunch.roadmap;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pilotlaunch.roadmap.RoadmapIndex.Change;
import io.pilotlaunch.roadmap.RoadmapIndex.Milestone;
import io.pilotlaunch.web.PlainText;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The roadmap index over HTTP: read by every team, changed by each milestone's owner ({@link
 * Roadmap} holds the rules).
 */
@RestController
@RequestMapping("/api/roadmap")
class RoadmapController {

  /** Status and/or owner (a team's group id); what is left out stays. */
  record ChangeRequest(@PlainText(max = 64) String status, @PlainText(max = 64) String owner) {}

  record ChangeView(String field, String from, String to, String changedBy, Instant changedAt) {}

  /** One milestone; its changes only when it is asked for on its own. */
  record MilestoneView(
      String id,
      String title,
      String owner,
      String ownerName,
      String status,
      String document,
      String changedBy,
      Instant changedAt,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<ChangeView> changes) {}

  record RoadmapView(List<MilestoneView> milestones, List<String> statuses) {}

  private final Roadmap roadmap;

  RoadmapController(Roadmap roadmap) {
    this.roadmap = roadmap;
  }

  @GetMapping
  RoadmapView list() {
    return new RoadmapView(
        roadmap.milestones().stream().map(milestone -> view(milestone, null)).toList(),
        RoadmapStatus.labels());
  }

  @GetMapping("/{milestoneId}")
  MilestoneView get(@PathVariable String milestoneId) {
    return view(roadmap.milestone(milestoneId), roadmap.changes(milestoneId));
  }

  @PatchMapping("/{milestoneId}")
  MilestoneView change(
      @PathVariable String milestoneId, @Valid @RequestBody ChangeRequest request) {
    Milestone changed = roadmap.change(milestoneId, request.status(), request.owner());
    return view(changed, roadmap.changes(milestoneId));
  }

  private static MilestoneView view(Milestone milestone, List<Change> changes) {
    return new MilestoneView(
        milestone.id(),
        milestone.title(),
        milestone.ownerGroup(),
        Roadmap.ownerName(milestone),
        milestone.status().label(),
        milestone.document(),
        milestone.changedBy(),
        milestone.changedAt(),
        changes == null
            ? null
            : changes.stream()
                .map(
                    change ->
                        new ChangeView(
                            change.field(),
                            change.from(),
                            change.to(),
                            change.changedBy(),
                            change.changedAt()))
                .toList());
  }
}
