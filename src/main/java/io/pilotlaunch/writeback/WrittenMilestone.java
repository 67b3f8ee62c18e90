package io.pilotlaunch.writeback;

import io.pilotlaunch.process.MvpPilotLaunchProcess;
import java.util.Map;
import java.util.Optional;

/**
 * A milestone whose completed runs can be written back: the process that runs it, the end event
 * that means "completed" (any other end, an abort or a cancellation, writes nothing), and where its
 * document and branches are by default, as the milestone document's "Branch and PR Plan" says.
 */
record WrittenMilestone(
    String id,
    String processKey,
    String completedEndEvent,
    String documentPath,
    String branch,
    String target) {

  /**
   * The milestones write-back knows. Milestone 7 joins when it has a ticked document of its own to
   * export (its definition and export, issue 23 items 1 and 2).
   */
  static final Map<String, WrittenMilestone> KNOWN =
      Map.of(
          "m6",
          new WrittenMilestone(
              "m6",
              MvpPilotLaunchProcess.PROCESS_ID,
              MvpPilotLaunchProcess.Elements.END_EVENT_MVP_PILOT_LAUNCHED,
              "docs/milestones/m6-mvp-pilot-launch.md",
              MvpPilotLaunchProcess.PHASE3_BRANCH,
              MvpPilotLaunchProcess.INTEGRATION_BRANCH));

  static Optional<WrittenMilestone> of(String id) {
    return Optional.ofNullable(KNOWN.get(id));
  }

  /** "M6": how the roadmap index and commit messages name the milestone. */
  String label() {
    return id.toUpperCase(java.util.Locale.ROOT);
  }
}
