package io.pilotlaunch.tasklist;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Values as plain text inside the Markdown that the forms render: no links, emphasis or HTML. */
final class Markdown {

  /** CommonMark lets a backslash escape any ASCII punctuation. */
  private static final Pattern PUNCTUATION = Pattern.compile("[\\\\`*_{}\\[\\]()#+\\-.!|<>~&\"']");

  private static final Pattern LINE_BREAKS = Pattern.compile("\\s*\\R\\s*");

  private Markdown() {}

  /** A value as text on one line. */
  static String text(String value) {
    String oneLine = LINE_BREAKS.matcher(value.strip()).replaceAll(" ");
    return PUNCTUATION
        .matcher(oneLine)
        .replaceAll(match -> Matcher.quoteReplacement("\\" + match.group()));
  }
}
