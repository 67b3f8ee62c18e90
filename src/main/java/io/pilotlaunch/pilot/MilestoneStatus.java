package io.pilotlaunch.pilot;

import java.util.Arrays;

/**
 * The "Status:" line of the milestone document, in its own words: stored by label in
 * pilot.pilot_run.milestone_status and set by the model (input {@code milestoneStatus}).
 */
public enum MilestoneStatus {
  NOT_STARTED("Not Started"),
  IN_PROGRESS("In Progress"),
  COMPLETED("Completed"),
  ABORTED("Aborted");

  private final String label;

  MilestoneStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static MilestoneStatus ofLabel(String label) {
    return Arrays.stream(values())
        .filter(status -> status.label.equals(label))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Unknown milestone status '"
                        + label
                        + "'; known: "
                        + Arrays.stream(values()).map(MilestoneStatus::label).toList()));
  }

  @Override
  public String toString() {
    return label;
  }
}
