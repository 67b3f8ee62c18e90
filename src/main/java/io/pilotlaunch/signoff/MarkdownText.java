package io.pilotlaunch.signoff;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values that people typed, made inert before the exports and summaries render them: a value stays
 * one line of text, cannot open a section, a link, an image or HTML, and only http(s) addresses
 * become links.
 */
final class MarkdownText {

  private static final Pattern WEB_ADDRESS =
      Pattern.compile("https?://[^\\s<>\"'`\\\\]+", Pattern.CASE_INSENSITIVE);
  private static final Pattern LINE_BREAKS = Pattern.compile("\\s*\\R\\s*");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\r\\t]]");

  /** Inline link targets "](target" and reference definitions "[label]: target". */
  private static final Pattern LINK_TARGET =
      Pattern.compile("(\\]\\(\\s*|^\\s{0,3}\\[[^\\]]+\\]:\\s*)(<?[^)\\s>]*)", Pattern.MULTILINE);

  /** A heading's marks at the start of a line. */
  private static final Pattern HEADING = Pattern.compile("(?m)^( {0,3})(#{1,6})(?=[ \t]|$)");

  /** The opening of an image: "![". */
  private static final Pattern IMAGE = Pattern.compile("!\\[");

  private static final Pattern SAFE_TARGET =
      Pattern.compile("<?(https?://|mailto:|#|/(?!/)).*", Pattern.CASE_INSENSITIVE);

  private MarkdownText() {}

  /** A value as one line of plain text inside a Markdown line. */
  static String inline(Object value) {
    if (value == null) {
      return "";
    }
    String text =
        CONTROL.matcher(LINE_BREAKS.matcher(value.toString()).replaceAll(" ")).replaceAll("");
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '\\', '`', '*', '_', '[', ']', '|', '~', '#' -> out.append('\\').append(c);
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** An address as a link when it is a web address, else as plain text. */
  static String link(Object value) {
    if (value == null) {
      return "";
    }
    String address = value.toString().trim();
    return WEB_ADDRESS.matcher(address).matches() ? "<" + address + ">" : inline(address);
  }

  /**
   * A Markdown document a person wrote (the confirmed summary): its formatting stays, its HTML is
   * shown as text, and links other than web, mail and in-page ones lose their target.
   */
  static String document(String markdown) {
    if (markdown == null) {
      return "";
    }
    // Entities stay: they render as text, and the compiled draft already holds some (&lt;).
    String text =
        CONTROL.matcher(markdown).replaceAll("").replace("<", "&lt;").replace(">", "&gt;");
    Matcher target = LINK_TARGET.matcher(text);
    StringBuilder out = new StringBuilder();
    while (target.find()) {
      String replacement =
          SAFE_TARGET.matcher(target.group(2).replace("&lt;", "<")).matches()
              ? target.group()
              : target.group(1) + "#unsafe-link-removed";
      target.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    target.appendTail(out);
    return out.toString();
  }

  /**
   * A document a person wrote, shown inside another one (the confirmed summary inside a sign-off
   * form): as {@link #document}, its headings moved below the host's ({@code #} becomes {@code
   * #####}) and its images shown as links, so it neither outranks the form nor loads anything.
   */
  static String embedded(String markdown) {
    String inert = IMAGE.matcher(document(markdown)).replaceAll("[");
    Matcher heading = HEADING.matcher(inert);
    StringBuilder out = new StringBuilder();
    while (heading.find()) {
      int level = Math.min(6, heading.group(2).length() + 4);
      heading.appendReplacement(
          out, Matcher.quoteReplacement(heading.group(1) + "#".repeat(level)));
    }
    heading.appendTail(out);
    return out.toString();
  }
}
