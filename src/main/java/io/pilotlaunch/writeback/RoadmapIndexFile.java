package io.pilotlaunch.writeback;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The roadmap index as the team's repository keeps it: a markdown file with a table of the
 * milestones (Milestone | Title | Owner | Status | Document). Write-back changes the Status cell of
 * one milestone's row and nothing else; a missing row is added, a missing table or file created.
 */
final class RoadmapIndexFile {

  static final List<String> COLUMNS = List.of("Milestone", "Title", "Owner", "Status", "Document");

  /** What a new row says about the milestone; an existing row keeps its own words. */
  record Row(String milestone, String title, String owner, String documentLink) {}

  private RoadmapIndexFile() {}

  /**
   * The index with the milestone's status set: {@code index} is the file's text, or null when the
   * repository has none.
   */
  static String withStatus(String index, Row row, String status, String documentFileName) {
    if (index == null) {
      return "# Roadmap\n\n" + header() + newRow(COLUMNS, row, status) + "\n";
    }
    List<String> lines = new ArrayList<>(Arrays.asList(index.split("\n", -1)));
    for (int i = 0; i + 1 < lines.size(); i++) {
      List<String> columns = cells(lines.get(i));
      if (!isTableHeader(columns) || !lines.get(i + 1).strip().startsWith("|")) {
        continue;
      }
      int statusColumn = indexOf(columns, "Status");
      int milestoneColumn = indexOf(columns, "Milestone");
      int end = i + 2;
      while (end < lines.size() && lines.get(end).strip().startsWith("|")) {
        List<String> cells = cells(lines.get(end));
        if (isRowOf(cells, milestoneColumn, row.milestone(), documentFileName)) {
          lines.set(end, withCell(lines.get(end), statusColumn, status));
          return String.join("\n", lines);
        }
        end++;
      }
      lines.add(end, newRow(columns, row, status));
      return String.join("\n", lines);
    }
    String separator =
        index.isEmpty() || index.endsWith("\n\n") ? "" : index.endsWith("\n") ? "\n" : "\n\n";
    return index + separator + header() + newRow(COLUMNS, row, status) + "\n";
  }

  /**
   * The milestone's row: its Milestone cell names it (M6, Milestone 6, 6) or a cell links its
   * document.
   */
  private static boolean isRowOf(
      List<String> cells, int milestoneColumn, String label, String documentFileName) {
    if (cells.stream().anyMatch(cell -> cell.contains(documentFileName))) {
      return true;
    }
    if (milestoneColumn < 0 || milestoneColumn >= cells.size()) {
      return false;
    }
    String named = cells.get(milestoneColumn).replaceAll("[\\[\\]*_`]|\\(.*?\\)", "").strip();
    String number = label.replaceAll("\\D", "");
    return named.equalsIgnoreCase(label)
        || named.equalsIgnoreCase("Milestone " + number)
        || named.equals(number);
  }

  private static boolean isTableHeader(List<String> columns) {
    return indexOf(columns, "Status") >= 0 && indexOf(columns, "Milestone") >= 0;
  }

  private static int indexOf(List<String> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /** A table line's cells, trimmed; not a table line: none. */
  private static List<String> cells(String line) {
    String trimmed = line.strip();
    if (!trimmed.startsWith("|")) {
      return List.of();
    }
    String inner =
        trimmed.substring(1, trimmed.endsWith("|") ? trimmed.length() - 1 : trimmed.length());
    return Arrays.stream(inner.split("\\|", -1)).map(String::strip).toList();
  }

  /** The line with one cell's text replaced, every other character kept. */
  private static String withCell(String line, int column, String text) {
    int start = line.indexOf('|');
    for (int i = 0; i < column; i++) {
      start = line.indexOf('|', start + 1);
    }
    int end = line.indexOf('|', start + 1);
    if (start < 0 || end < 0) {
      return line;
    }
    return line.substring(0, start + 1) + " " + text + " " + line.substring(end);
  }

  private static String header() {
    return "| " + String.join(" | ", COLUMNS) + " |\n|" + " --- |".repeat(COLUMNS.size()) + "\n";
  }

  private static String newRow(List<String> columns, Row row, String status) {
    Map<String, String> values =
        Map.of(
            "milestone", row.milestone(),
            "title", row.title(),
            "owner", row.owner(),
            "status", status,
            "document", row.documentLink());
    return "| "
        + String.join(
            " | ",
            columns.stream()
                .map(column -> values.getOrDefault(column.toLowerCase(Locale.ROOT), ""))
                .toList())
        + " |";
  }

  /** A markdown link from the index to the document, relative to the index's folder. */
  static String documentLink(String indexPath, String documentPath) {
    Path indexFolder = Path.of(indexPath).getParent();
    Path document = Path.of(documentPath);
    String relative =
        (indexFolder == null ? document : indexFolder.relativize(document))
            .toString()
            .replace('\\', '/');
    return "[" + document.getFileName() + "](" + relative + ")";
  }
}
