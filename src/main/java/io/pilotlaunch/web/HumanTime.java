package io.pilotlaunch.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Times, days and durations as people read them: "3 Dec 2026, 14:05 UTC", "31 Dec 2026", "2 d 4 h",
 * "1 min 25 s". Times and days are read in the pilots' time zone ({@code pilot.time-zone}, UTC
 * unless configured): the one place that reads it.
 */
@Component
public class HumanTime {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

  private final ZoneId zone;

  /** "3 Dec 2026, 15:05 CET": the zone's short name says which clock the time is on. */
  private final DateTimeFormatter when;

  public HumanTime(@Value("${pilot.time-zone:UTC}") ZoneId zone) {
    this.zone = zone;
    this.when = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm z", Locale.ENGLISH).withZone(zone);
  }

  /** The pilots' time zone. */
  public ZoneId zone() {
    return zone;
  }

  /** The day an instant falls on in the pilots' time zone: "31 Dec 2026". */
  public String day(Instant instant) {
    return instant == null ? "unknown day" : DAY.format(instant.atZone(zone));
  }

  /** The time of an instant in the pilots' time zone, to the minute: "3 Dec 2026, 14:05 UTC". */
  public String when(Instant instant) {
    return instant == null ? "unknown time" : when.format(instant);
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
