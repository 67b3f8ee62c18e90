package io.pilotlaunch.operations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Enhancement candidates as people type them: one per line in a text area. Two lines name the same
 * candidate when they differ only in case, spacing, a leading list bullet ("- ", "* ", "• ") or a
 * final full stop; the first spelling is kept. The feedback's candidates, the ones product
 * management keeps on the summary and the hand-off to Milestone 7 all merge by this one rule.
 */
public final class EnhancementCandidates {

  private static final Pattern BULLET = Pattern.compile("^[-*•]\\s+");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private EnhancementCandidates() {}

  /** The candidates of all texts (one per line) in order, each named once. */
  public static List<String> merge(String... texts) {
    Map<String, String> byKey = new LinkedHashMap<>();
    for (String text : texts) {
      for (String candidate : lines(text)) {
        byKey.putIfAbsent(key(candidate), candidate);
      }
    }
    return new ArrayList<>(byKey.values());
  }

  /** The non-blank lines of a text, trimmed, bullets and runs of spaces removed. */
  public static List<String> lines(String text) {
    List<String> result = new ArrayList<>();
    if (text == null) {
      return result;
    }
    for (String line : text.split("\\R")) {
      String cleaned =
          SPACES.matcher(BULLET.matcher(line.strip()).replaceFirst("")).replaceAll(" ");
      if (!cleaned.isBlank()) {
        result.add(cleaned.strip());
      }
    }
    return result;
  }

  private static String key(String candidate) {
    String key = candidate.toLowerCase(Locale.ROOT);
    return key.endsWith(".") ? key.substring(0, key.length() - 1).strip() : key;
  }
}
