package io.pilotlaunch.api;

import io.pilotlaunch.api.ApiException.FieldError;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects every invalid field of a request, then fails once, naming them all. Strings that look
 * like expressions are refused everywhere: our values end up in process variables and forms.
 */
public final class Validation {

  /** Lower-case words joined by single dashes: a Camunda tenant id and a branch-name slug alike. */
  public static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  /** External ids of tickets and alerts: letters, digits and . _ : - */
  public static final Pattern EXTERNAL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");

  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\r\\t]]");

  private final List<FieldError> errors = new ArrayList<>();

  public Validation text(String field, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "is required"));
    } else {
      optionalText(field, value, maxLength);
    }
    return this;
  }

  public Validation optionalText(String field, String value, int maxLength) {
    if (value == null) {
      return this;
    }
    if (value.length() > maxLength) {
      errors.add(
          new FieldError(
              field, "must be at most " + maxLength + " characters (was " + value.length() + ")"));
    } else if (EXPRESSION.matcher(value).find()) {
      errors.add(new FieldError(field, "must not contain expressions (${...} or #{...})"));
    } else if (CONTROL.matcher(value).find()) {
      errors.add(new FieldError(field, "must not contain control characters"));
    }
    return this;
  }

  public Validation pattern(
      String field, String value, Pattern pattern, int minLength, int maxLength, String rule) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "is required"));
    } else if (value.length() < minLength || value.length() > maxLength) {
      errors.add(
          new FieldError(
              field,
              "must be "
                  + minLength
                  + " to "
                  + maxLength
                  + " characters (was "
                  + value.length()
                  + ")"));
    } else if (!pattern.matcher(value).matches()) {
      errors.add(new FieldError(field, "must be " + rule));
    }
    return this;
  }

  public Validation oneOf(String field, String value, Collection<String> allowed) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "is required"));
    } else if (!allowed.contains(value)) {
      errors.add(new FieldError(field, "must be one of " + allowed));
    }
    return this;
  }

  /**
   * @return the parsed timestamp, or null (and an error) when it is missing or not ISO-8601
   */
  public OffsetDateTime timestamp(String field, String value) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "is required"));
      return null;
    }
    try {
      return OffsetDateTime.parse(value);
    } catch (DateTimeParseException e) {
      errors.add(
          new FieldError(
              field, "must be an ISO-8601 timestamp with offset, e.g. 2026-12-01T08:00:00Z"));
      return null;
    }
  }

  public Validation check(boolean valid, String field, String message) {
    if (!valid) {
      errors.add(new FieldError(field, message));
    }
    return this;
  }

  public boolean hasError(String field) {
    return errors.stream().anyMatch(error -> error.field().equals(field));
  }

  public void orFail() {
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
  }
}
