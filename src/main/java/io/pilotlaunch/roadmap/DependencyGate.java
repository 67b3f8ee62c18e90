package io.pilotlaunch.roadmap;

import io.pilotlaunch.milestones.MilestoneDefinition;
import io.pilotlaunch.milestones.MilestoneDefinition.Reference;
import io.pilotlaunch.milestones.MilestoneDefinitions;
import io.pilotlaunch.roadmap.RoadmapIndex.Milestone;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.stereotype.Component;

/**
 * A milestone's run does not start while a dependency its document names (its {@code - Dependency:}
 * line) is not at the required status in the roadmap index, unless the milestone's owner starts it
 * anyway with a reason. Judged in the start's own transaction (the process start listener), so
 * every way of starting passes here: the API, Tasklist's start form, /engine-rest.
 */
@Component
public class DependencyGate {

  /**
   * The transient start variable that carries the owner's reason to start anyway; set by the API
   * after it checked the caller is the milestone's owner. Never stored as a variable: the override
   * is kept in pilot.dependency_override. A team member cannot send it (the start form's fields
   * only, TaskInputGuard).
   */
  public static final String OVERRIDE_REASON = "dependencyOverrideReason";

  /** A start refused: what the Tasklist start dialog shows, and what the API answers with 409. */
  public static class DependencyNotCompleted extends FormFieldValidationException {
    DependencyNotCompleted(String message) {
      super(List.of(), message);
    }
  }

  /** The status of a dependency that the index does not list. */
  private static final String NOT_LISTED = "not listed";

  private final RoadmapIndex index;
  private final Roadmap roadmap;
  private final DependencyOverrides overrides;
  private final Clock clock;
  private final MilestoneDefinitions definitions;

  DependencyGate(
      RoadmapIndex index,
      Roadmap roadmap,
      DependencyOverrides overrides,
      MilestoneDefinitions definitions,
      Clock clock) {
    this.index = index;
    this.roadmap = roadmap;
    this.overrides = overrides;
    this.definitions = definitions;
    this.clock = clock;
  }

  /**
   * Lets a run of the milestone start, or refuses it ({@link DependencyNotCompleted}). With an
   * override reason, a dependency not at its status is recorded as overridden, by whoever starts
   * the run. A milestone the index does not list has nothing to wait for.
   */
  public void admit(
      String milestoneId,
      String tenantId,
      String processInstanceId,
      String startedBy,
      String overrideReason) {
    // the whole index in one read: a few rows, and one statement per start
    Map<String, Milestone> byId =
        index.all().stream().collect(Collectors.toMap(Milestone::id, Function.identity()));
    Milestone milestone = byId.get(milestoneId);
    if (milestone == null) {
      return;
    }
    boolean override = overrideReason != null && !overrideReason.isBlank();
    Instant now = clock.instant();
    for (Reference dependency : dependenciesOf(milestone)) {
      String status =
          Optional.ofNullable(byId.get(dependency.id()))
              .map(found -> found.status().label())
              .orElse(NOT_LISTED);
      if (status.equals(requiredStatus(dependency))) {
        continue;
      }
      if (!override) {
        throw new DependencyNotCompleted(refusal(milestone, dependency, status));
      }
      overrides.record(
          processInstanceId, dependency, status, overrideReason.strip(), startedBy, now);
    }
    roadmap.runStarted(milestone, tenantId);
  }

  /** The milestones its document waits for; one the product does not run (M5) waits for none. */
  private List<Reference> dependenciesOf(Milestone milestone) {
    return definitions
        .byId(milestone.id())
        .map(MilestoneDefinition::dependencies)
        .orElse(List.of());
  }

  /** The status the document asks of the dependency; Completed where it names none. */
  private static String requiredStatus(Reference dependency) {
    return dependency.status() == null ? RoadmapStatus.COMPLETED.label() : dependency.status();
  }

  private static String refusal(Milestone milestone, Reference dependency, String status) {
    return milestone.name()
        + " depends on "
        + dependency.name()
        + (status.equals(NOT_LISTED)
            ? ", which the roadmap index does not list"
            : ", which is " + status + " in the roadmap index")
        + ", not "
        + requiredStatus(dependency)
        + ": a pilot starts once it is "
        + requiredStatus(dependency)
        + " (/roadmap), or the milestone owner ("
        + Roadmap.ownerName(milestone)
        + ") starts it anyway with a reason (dependencyOverride). Nothing was started.";
  }
}
