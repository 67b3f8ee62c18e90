package io.pilotlaunch.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a message a person reads must not contain: a task or other internal id, a variable name, an
 * expression, a regular expression, an exception's class name.
 */
public final class PlainWords {

  private static final Pattern ID =
      Pattern.compile(
          "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\\b[A-Za-z]\\w*:\\d+:");
  private static final Pattern CAMEL_CASE = Pattern.compile("\\b[a-z]+[A-Z][A-Za-z]*\\b");
  private static final Pattern EXPRESSION = Pattern.compile("!=|==|\\$\\{|#\\{|&&|\\|\\|");
  private static final Pattern REGULAR_EXPRESSION =
      Pattern.compile(
          "\\\\[dDsSwWbB]|\\^[\\[\\\\(]|[\\])][*+?]|\\{\\d+,\\d*}|\\[\\^|\\[a-z|\\$$|\\$[)'\"]");
  private static final Pattern EXCEPTION =
      Pattern.compile("\\b\\w*(Exception|Error)\\b|ENGINE-\\d+|\\borg\\.camunda|\\bjava\\.");

  private PlainWords() {}

  /** What is wrong with the message; empty when it is plain words. */
  public static List<String> problems(String message, Collection<String> variableNames) {
    List<String> problems = new ArrayList<>();
    if (message == null || message.isBlank()) {
      problems.add("no message");
      return problems;
    }
    find(problems, "an id", ID, message);
    find(problems, "a variable name", CAMEL_CASE, message);
    find(problems, "an expression", EXPRESSION, message);
    find(problems, "a regular expression", REGULAR_EXPRESSION, message);
    find(problems, "an exception", EXCEPTION, message);
    for (String name : variableNames) {
      boolean quoted = message.contains("'" + name + "'");
      boolean asAWord = !name.matches("[a-z]+") && message.matches("(?s).*\\b" + name + "\\b.*");
      if (quoted || asAWord) {
        problems.add("the variable name " + name);
      }
    }
    return problems;
  }

  private static void find(List<String> problems, String what, Pattern pattern, String message) {
    var matcher = pattern.matcher(message);
    if (matcher.find()) {
      problems.add(what + " (" + matcher.group() + ")");
    }
  }
}
