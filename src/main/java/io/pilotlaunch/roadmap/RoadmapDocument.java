package io.pilotlaunch.roadmap;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The roadmap index as the repository writes it (docs/milestones/README.md): a Markdown table of
 * milestone id, title, owner (a team's name), status and a link to the milestone's document. What
 * seeds the live index; a pure function of the text.
 */
public final class RoadmapDocument {

  /** One row; {@code document} is the linked file's name ("m6-mvp-pilot-launch.md") or null. */
  public record Row(
      String milestoneId, String title, String owner, String status, String document) {}

  private static final Pattern MILESTONE_ID = Pattern.compile("m\\d+");
  private static final Pattern LINK = Pattern.compile("\\]\\((?:\\./)?([^)]+)\\)");

  private RoadmapDocument() {}

  /** The rows of the table whose first cell is a milestone id (m5, m6, …), in order. */
  public static List<Row> rows(String markdown) {
    List<Row> rows = new ArrayList<>();
    for (String line : markdown.split("\\R")) {
      String trimmed = line.strip();
      if (!trimmed.startsWith("|") || !trimmed.endsWith("|")) {
        continue;
      }
      String[] cells = trimmed.substring(1, trimmed.length() - 1).split("\\|", -1);
      if (cells.length != 5 || !MILESTONE_ID.matcher(cells[0].strip()).matches()) {
        continue;
      }
      Matcher link = LINK.matcher(cells[4]);
      rows.add(
          new Row(
              cells[0].strip(),
              cells[1].strip(),
              cells[2].strip(),
              cells[3].strip().replace("`", ""),
              link.find() ? link.group(1).strip() : null));
    }
    return List.copyOf(rows);
  }
}
