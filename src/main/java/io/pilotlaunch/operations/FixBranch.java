package io.pilotlaunch.operations;

import io.pilotlaunch.process.MvpPilotLaunchProcess;
import java.util.Locale;

/** The branch a pilot issue's fix goes in: fix/m6-p2-pilot-&lt;topic slug&gt;. */
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

  /** The branch of a topic slug. */
  public static String of(String topicSlug) {
    return MvpPilotLaunchProcess.PHASE2_FIX_BRANCH_PREFIX + topicSlug;
  }
}
