package io.pilotlaunch.roadmap;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A milestone's status in the roadmap index, in the words the milestone documents use. */
public enum RoadmapStatus {
  NOT_STARTED("Not Started"),
  IN_PROGRESS("In Progress"),
  BLOCKED("Blocked"),
  COMPLETED("Completed");

  private final String label;

  RoadmapStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static Optional<RoadmapStatus> ofLabel(String label) {
    return Arrays.stream(values()).filter(status -> status.label.equals(label)).findFirst();
  }

  public static List<String> labels() {
    return Arrays.stream(values()).map(RoadmapStatus::label).toList();
  }

  @Override
  public String toString() {
    return label;
  }
}
