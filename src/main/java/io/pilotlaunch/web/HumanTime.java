package io.pilotlaunch.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Times, days and durations as people read them: "3 Dec 2026, 14:05 UTC", "31 Dec 2026", "2 d 4 h",
 * "1 min 25 s".
 */
public final class HumanTime {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

  private HumanTime() {}

  /** The day an instant falls on in that zone: "31 Dec 2026". */
  public static String day(Instant instant, ZoneId zone) {
    return instant == null ? "unknown day" : DAY.format(instant.atZone(zone));
  }

  public static String when(Instant instant) {
    return instant == null ? "unknown time" : WHEN.format(instant);
  }

  /** The two largest units, rounded down; under a minute in seconds. */
  public static String duration(Duration duration) {
    if (duration == null) {
      return "unknown";
    }
    long seconds = Math.max(0, duration.toSeconds());
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3_600;
    long minutes = seconds % 3_600 / 60;
    long rest = seconds % 60;
    if (days > 0) {
      return days + " d" + (hours > 0 ? " " + hours + " h" : "");
    }
    if (hours > 0) {
      return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
    }
    if (minutes > 0) {
      return minutes + " min" + (rest > 0 ? " " + rest + " s" : "");
    }
    return rest + " s";
  }
}
