package io.pilotlaunch.sql;

import java.util.Collections;

/** The parameters of an SQL {@code in (...)} for values bound one by one. */
public final class InList {

  private InList() {}

  /** One "?" per value, comma-separated; the caller handles no values (an empty list is no SQL). */
  public static String placeholders(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }
}
