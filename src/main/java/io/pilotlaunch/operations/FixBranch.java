package io.pilotlaunch.operations;

import io.pilotlaunch.milestones.MilestoneDefinition;
import io.pilotlaunch.milestones.MilestoneDefinition.BranchPlan;
import java.util.Locale;

/**
 * The branch a pilot issue's fix goes in: the pattern of the milestone document's Branch and PR
 * Plan (fix/m6-p2-pilot-&lt;topic&gt;) with the topic's slug.
 */
public final class FixBranch {

  private FixBranch() {}

  /** The slug of a topic, as the fix branch needs it; empty if nothing is left. */
  public static String slug(String topic) {
    String slug =
        topic.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
    if (slug.length() > 40) {
      slug = slug.substring(0, 40).replaceAll("-+$", "");
    }
    return slug;
  }

  /**
   * Where a milestone's fixes go: the branch pattern among the plans whose merges it waits for (M6:
   * {@code fix/m6-p2-pilot-<topic>}).
   */
  static BranchPlan planOf(MilestoneDefinition milestone) {
    return milestone.mergesAwaited().stream()
        .filter(BranchPlan::pattern)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    milestone.heading() + " names no branch pattern for its fixes"));
  }
}
