package io.pilotlaunch.roadmap;

import io.pilotlaunch.roadmap.RoadmapIndex.Milestone;
import io.pilotlaunch.teams.Team;
import io.pilotlaunch.web.ApiException;
import io.pilotlaunch.web.ApiException.FieldError;
import io.pilotlaunch.web.CallerRules;
import io.pilotlaunch.web.HumanTime;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The roadmap index by its rules: anyone of a team reads it; a milestone's owner (its team, or an
 * admin) changes its status and owner, each change kept with who and when; the runs of a milestone
 * move it forward (ADR 0022). Seeded from docs/milestones/README.md with the milestones the index
 * does not list yet: what the app changed is never overwritten by the document.
 */
@Service
public class Roadmap implements InitializingBean {

  /** The index document on the class path (docs/milestones/ is packaged as milestones/). */
  static final String INDEX_DOCUMENT = "milestones/README.md";

  /** Who the seeded rows were changed by: the document they came from. */
  static final String SEEDED_BY = "docs/milestones/README.md";

  private final RoadmapIndex index;
  private final CallerRules caller;
  private final Clock clock;
  private final HumanTime humanTime;

  Roadmap(RoadmapIndex index, CallerRules caller, Clock clock, HumanTime humanTime) {
    this.index = index;
    this.caller = caller;
    this.clock = clock;
    this.humanTime = humanTime;
  }

  /** Adds what the document lists and the index lacks; a second node doing so at once is fine. */
  @Override
  public void afterPropertiesSet() {
    Instant now = clock.instant();
    String document =
        read(INDEX_DOCUMENT)
            .orElseThrow(() -> new IllegalStateException(SEEDED_BY + " is not on the class path"));
    for (RoadmapDocument.Row row : RoadmapDocument.rows(document)) {
      Milestone seeded =
          new Milestone(
              row.milestoneId(),
              row.title(),
              ownerNamed(row.owner())
                  .orElseThrow(() -> badSeed(row, "owner '" + row.owner() + "' is not a team"))
                  .groupId(),
              RoadmapStatus.ofLabel(row.status())
                  .orElseThrow(
                      () ->
                          badSeed(
                              row,
                              "status '"
                                  + row.status()
                                  + "' is not one of "
                                  + RoadmapStatus.labels())),
              row.document(),
              SEEDED_BY,
              now);
      try {
        index.addIfMissing(seeded);
      } catch (DuplicateKeyException anotherNodeWasFirst) {
        // the other node's row stands
      }
    }
  }

  public List<Milestone> milestones() {
    caller.requireTeamMember("read the roadmap");
    return index.all();
  }

  public Milestone milestone(String milestoneId) {
    caller.requireTeamMember("read the roadmap");
    return index.find(milestoneId).orElseThrow(() -> unknown(milestoneId));
  }

  public List<RoadmapIndex.Change> changes(String milestoneId) {
    return index.changes(milestone(milestoneId).id());
  }

  /** Whether the caller may change this milestone: its owner's team, or an admin. */
  public boolean mayChange(Milestone milestone) {
    return Team.byGroupId(milestone.ownerGroup()).map(caller::isOfTeamOrAdmin).orElse(false);
  }

  /** Refuses (403) anyone but the milestone's owner and admins. */
  public Milestone requireOwnerOf(String milestoneId, String action) {
    Milestone milestone = index.find(milestoneId).orElseThrow(() -> unknown(milestoneId));
    if (!mayChange(milestone)) {
      throw ApiException.forbidden(
          "Only the owner of "
              + milestone.name()
              + ", "
              + ownerName(milestone)
              + " ("
              + milestone.ownerGroup()
              + "), or an admin may "
              + action
              + "; nothing was changed.");
    }
    return milestone;
  }

  /**
   * Sets status and/or owner (null: unchanged) as the caller, the milestone's owner. Unknown
   * milestone 404, not its owner 403, an unknown status or owner 400; a refusal changes nothing.
   */
  @Transactional
  public Milestone change(String milestoneId, String status, String ownerGroup) {
    caller.requireTeamMember("change the roadmap");
    Milestone was = index.lock(milestoneId).orElseThrow(() -> unknown(milestoneId));
    requireOwnerOf(milestoneId, "change it");
    List<FieldError> wrong = new ArrayList<>();
    Optional<RoadmapStatus> newStatus = Optional.ofNullable(status).flatMap(RoadmapStatus::ofLabel);
    if (status != null && newStatus.isEmpty()) {
      wrong.add(
          new FieldError(
              "status",
              "status must be one of "
                  + String.join(", ", RoadmapStatus.labels())
                  + "; got \""
                  + status
                  + "\""));
    }
    if (ownerGroup != null && Team.byGroupId(ownerGroup).isEmpty()) {
      wrong.add(
          new FieldError(
              "owner",
              "owner must be a team's group id, one of "
                  + String.join(", ", Arrays.stream(Team.values()).map(Team::groupId).toList())
                  + "; got \""
                  + ownerGroup
                  + "\""));
    }
    if (status == null && ownerGroup == null) {
      wrong.add(new FieldError("status", "give a status, an owner or both"));
    }
    if (!wrong.isEmpty()) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          String.join("; ", wrong.stream().map(FieldError::message).toList()) + ".",
          wrong);
    }
    Instant now = clock.instant();
    if (newStatus.isPresent() && newStatus.get() != was.status()) {
      index.setStatus(was, newStatus.get(), caller.userId(), now);
    }
    if (ownerGroup != null && !ownerGroup.equals(was.ownerGroup())) {
      index.setOwner(index.find(milestoneId).orElseThrow(), ownerGroup, caller.userId(), now);
    }
    return index.find(milestoneId).orElseThrow();
  }

  /**
   * A run of the milestone started: a milestone not started yet is now in progress. A start that
   * finds it started costs no statement here.
   */
  void runStarted(Milestone read, String tenantId) {
    if (read.status() == RoadmapStatus.NOT_STARTED) {
      index.setStatusIf(
          read.id(),
          RoadmapStatus.NOT_STARTED,
          RoadmapStatus.IN_PROGRESS,
          "pilot " + tenantId,
          clock.instant());
    }
  }

  /** A run of the milestone reached its "Completed": so has the milestone. */
  public void runCompleted(String milestoneId, String tenantId) {
    index
        .lock(milestoneId)
        .filter(milestone -> milestone.status() != RoadmapStatus.COMPLETED)
        .ifPresent(
            milestone ->
                index.setStatus(
                    milestone, RoadmapStatus.COMPLETED, "pilot " + tenantId, clock.instant()));
  }

  /**
   * The index in Markdown, one milestone a line (status, owner, who changed it and when), for a
   * task that checks it: read when the task's form is opened, so it says the index as it is then.
   */
  public String asMarkdown() {
    StringBuilder list = new StringBuilder();
    for (Milestone milestone : index.all()) {
      list.append("- ")
          .append(milestone.name())
          .append(": **")
          .append(milestone.status().label())
          .append("**, owner ")
          .append(ownerName(milestone))
          .append(" (changed by ")
          .append(milestone.changedBy())
          .append(", ")
          .append(humanTime.when(milestone.changedAt()))
          .append(")\n");
    }
    return list.toString();
  }

  /** The owner as people read it: the team's name. */
  public static String ownerName(Milestone milestone) {
    return Team.byGroupId(milestone.ownerGroup())
        .map(Team::displayName)
        .orElse(milestone.ownerGroup());
  }

  /** A milestone's own document ("milestones/m6-….md" on the class path), if it has one there. */
  static Optional<String> read(String resource) {
    ClassPathResource document = new ClassPathResource(resource);
    if (!document.exists()) {
      return Optional.empty();
    }
    try (InputStream in = document.getInputStream()) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + resource, e);
    }
  }

  private static Optional<Team> ownerNamed(String owner) {
    return Arrays.stream(Team.values())
        .filter(team -> team.displayName().equals(owner) || team.groupId().equals(owner))
        .findFirst();
  }

  private static IllegalStateException badSeed(RoadmapDocument.Row row, String what) {
    return new IllegalStateException(SEEDED_BY + ", milestone " + row.milestoneId() + ": " + what);
  }

  private ApiException unknown(String milestoneId) {
    return ApiException.notFound(
        "No milestone '"
            + milestoneId
            + "' in the roadmap index; it lists "
            + String.join(", ", index.all().stream().map(Milestone::id).toList())
            + ".");
  }
}
