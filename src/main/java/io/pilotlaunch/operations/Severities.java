package io.pilotlaunch.operations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The issue severities, most severe first ({@code pilot.severities}), each with its support SLAs
 * ({@code pilot.sla.<severity>}): the one home of the severities. The issue API accepts these
 * ({@link KnownSeverity}), the triage form offers them ({@link SeverityOptions}), and a task's
 * priority and the order of open issues follow a severity's place in the list. Checked at start-up:
 * a severity without an SLA, or an SLA of no listed severity, stops the app with the reason.
 */
@ConfigurationProperties("pilot")
public class Severities {

  /** The severity the exit criterion names: "Pilot runs with no unresolved critical issues". */
  public static final String CRITICAL = "critical";

  /** Camunda's default task priority: for a task that no (listed) severity ranks. */
  public static final int NORMAL_PRIORITY = 50;

  /**
   * The priority between neighbouring severities; the least severe has one step. With the four
   * default severities: critical 100, high 75, medium 50 (Camunda's default), low 25; a severity
   * added above critical gets 125, and the others keep theirs.
   */
  static final int PRIORITY_STEP = 25;

  /** A severity is stored (16 characters), a form's option value and a word in task names. */
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,15}");

  public record Sla(Duration firstResponse, Duration resolution) {}

  private final List<String> names;
  private final Map<String, Sla> slas;

  /**
   * @param severities the severities, most severe first
   * @param sla the SLAs of each severity
   */
  public Severities(List<String> severities, Map<String, Sla> sla) {
    List<String> names = severities == null ? List.of() : List.copyOf(severities);
    Map<String, Sla> slas = sla == null ? Map.of() : sla;
    List<String> problems = new ArrayList<>();
    if (names.isEmpty()) {
      problems.add("pilot.severities lists no severity");
    }
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!NAME.matcher(name).matches()) {
        problems.add(
            "severity '"
                + name
                + "' must be lower-case letters, digits and dashes, at most 16, starting with a"
                + " letter");
      }
      if (!seen.add(name)) {
        problems.add("severity '" + name + "' is listed twice");
      }
      Sla of = slas.get(name);
      if (of == null || of.firstResponse() == null || of.resolution() == null) {
        problems.add(
            "severity '" + name + "' needs pilot.sla." + name + ".first-response and .resolution");
      }
    }
    Set<String> unlisted = new TreeSet<>(slas.keySet());
    unlisted.removeAll(seen);
    unlisted.forEach(
        name ->
            problems.add("pilot.sla." + name + " is the SLA of no severity in pilot.severities"));
    if (!seen.contains(CRITICAL)) {
      problems.add(
          "severity '"
              + CRITICAL
              + "' must be listed: the exit criterion is \"no unresolved critical issues\"");
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "Issue severities are not configured right: " + String.join("; ", problems) + ".");
    }
    this.names = names;
    Map<String, Sla> ordered = new LinkedHashMap<>();
    names.forEach(name -> ordered.put(name, slas.get(name)));
    this.slas = ordered;
  }

  /** The severities, most severe first. */
  public List<String> names() {
    return names;
  }

  public boolean isKnown(String severity) {
    return placeOf(severity) >= 0;
  }

  /** The SLAs of a listed severity. */
  public Sla slaOf(String severity) {
    Sla found = slas.get(severity);
    if (found == null) {
      throw new IllegalArgumentException(
          "No SLA for severity '" + severity + "'; configured: " + names);
    }
    return found;
  }

  /** Where a severity sorts, most severe first (0); one no longer listed sorts after all. */
  public int rank(String severity) {
    int place = placeOf(severity);
    return place < 0 ? names.size() : place;
  }

  /**
   * The priority of a task about an issue of this severity: {@value #PRIORITY_STEP} per place above
   * the end of the list; one no longer listed (or none) gets Camunda's default.
   */
  public int taskPriority(String severity) {
    int place = placeOf(severity);
    return place < 0 ? NORMAL_PRIORITY : PRIORITY_STEP * (names.size() - place);
  }

  /**
   * The severities that the exit criterion counts as critical: critical and every one listed above
   * it.
   */
  public List<String> criticalOrWorse() {
    return names.subList(0, names.indexOf(CRITICAL) + 1);
  }

  public boolean isCriticalOrWorse(String severity) {
    int place = placeOf(severity);
    return place >= 0 && place <= names.indexOf(CRITICAL);
  }

  /** Where a severity stands in the list; -1 for none or one not listed. */
  private int placeOf(String severity) {
    return severity == null ? -1 : names.indexOf(severity);
  }
}
