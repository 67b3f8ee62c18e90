package io.pilotlaunch.roadmap;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dependencies a milestone document names on its {@code - Dependency:} line, e.g. {@code
 * [Milestone 5: Production Deployment Readiness](./m5-….md) `Completed`}: each milestone it waits
 * for and the status that milestone must have. A pure function of the document's text, so it can
 * move to wherever a milestone's definition is read.
 */
public final class MilestoneDependencies {

  /** One dependency: {@code m5}, its title, and the status it must reach ("Completed"). */
  public record Dependency(String milestoneId, String title, String requiredStatus) {

    /** As the documents name it: "Milestone 5: Production Deployment Readiness". */
    public String name() {
      return "Milestone " + milestoneId.substring(1) + ": " + title;
    }
  }

  private static final String LINE = "- Dependency:";

  private static final Pattern DEPENDENCY =
      Pattern.compile("\\[Milestone (\\d+): ([^\\]]+)\\]\\([^)]*\\)\\s*`([^`]+)`");

  private MilestoneDependencies() {}

  /** Every dependency on the document's dependency lines, in order; none without such a line. */
  public static List<Dependency> of(String markdown) {
    List<Dependency> dependencies = new ArrayList<>();
    for (String line : markdown.split("\\R")) {
      if (!line.startsWith(LINE)) {
        continue;
      }
      Matcher dependency = DEPENDENCY.matcher(line);
      while (dependency.find()) {
        dependencies.add(
            new Dependency(
                "m" + Integer.parseInt(dependency.group(1)),
                dependency.group(2).strip(),
                dependency.group(3).strip()));
      }
    }
    return List.copyOf(dependencies);
  }

  /** Whether the line is a dependency line: the export annotates below it. */
  public static boolean isDependencyLine(String line) {
    return line.startsWith(LINE);
  }
}
