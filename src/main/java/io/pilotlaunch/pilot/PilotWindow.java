package io.pilotlaunch.pilot;

import io.pilotlaunch.web.HumanTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The pilot window's bounds as people give them: an ISO-8601 timestamp with offset, or a plain date
 * ({@code 2026-12-01}). A plain date means the start of that day when it starts the window and the
 * end of that day when it ends it, in the pilots' time zone ({@code pilot.time-zone}, UTC unless
 * configured). The window is stored as the two instants, and read back to people as days: a window
 * that ends at midnight ends on the day before it ("31 Dec 2026", not "1 Jan 2027, 00:00").
 */
@Component
public class PilotWindow {

  private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");

  private final ZoneId zone;

  public PilotWindow(@Value("${pilot.time-zone:UTC}") ZoneId zone) {
    this.zone = zone;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The instant a window starting at {@code bound} starts; empty when it is neither form. */
  public Optional<Instant> start(String bound) {
    return parse(bound, false);
  }

  /** The instant a window ending at {@code bound} ends: a plain date ends at midnight after it. */
  public Optional<Instant> end(String bound) {
    return parse(bound, true);
  }

  /** Whether a bound is given as a plain date, yyyy-mm-dd. */
  public static boolean isDate(String bound) {
    return bound != null && DATE.matcher(bound).matches();
  }

  /**
   * What is wrong with a bound written as a date that the calendar does not have (2026-02-30), in
   * words; empty for any other text.
   */
  public static Optional<String> notACalendarDay(String bound) {
    Matcher date = bound == null ? null : DATE.matcher(bound);
    if (date == null || !date.matches()) {
      return Optional.empty();
    }
    try {
      LocalDate.parse(bound);
      return Optional.empty();
    } catch (DateTimeParseException notADay) {
      int year = Integer.parseInt(date.group(1));
      int month = Integer.parseInt(date.group(2));
      if (month < 1 || month > 12) {
        return Optional.of("is not a day in the calendar: there is no month " + month);
      }
      YearMonth inMonth = YearMonth.of(year, month);
      return Optional.of(
          "is not a day in the calendar: "
              + Month.of(month).getDisplayName(TextStyle.FULL, Locale.ENGLISH)
              + " "
              + year
              + " has "
              + inMonth.lengthOfMonth()
              + " days");
    }
  }

  /** The first day of a window that starts at {@code start}, as people read it: "1 Dec 2026". */
  public String firstDay(Instant start) {
    return isMidnight(start) ? HumanTime.day(start, zone) : HumanTime.when(start);
  }

  /**
   * The last day of a window that ends at {@code end}, as people read it: a window that ends at
   * midnight ends on the day before, "31 Dec 2026"; one that ends at another time says it.
   */
  public String lastDay(Instant end) {
    return isMidnight(end) ? HumanTime.day(end.minusSeconds(1), zone) : HumanTime.when(end);
  }

  /** The window as people read it: "1 Dec 2026 to 31 Dec 2026". */
  public String describe(Instant start, Instant end) {
    return firstDay(start) + " to " + lastDay(end);
  }

  /** The stored window (two ISO-8601 instants) as people read it; as it is when it is not one. */
  public String describe(String start, String end) {
    try {
      return describe(Instant.parse(start), Instant.parse(end));
    } catch (RuntimeException notStoredByUs) { // null, or a pilot started before the check
      return start + " to " + end;
    }
  }

  private boolean isMidnight(Instant instant) {
    return instant.atZone(zone).toLocalTime().equals(LocalTime.MIDNIGHT);
  }

  private Optional<Instant> parse(String bound, boolean endOfDay) {
    if (bound == null || bound.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(bound).toInstant());
    } catch (DateTimeParseException notATimestamp) {
      try {
        LocalDate day = LocalDate.parse(bound);
        return Optional.of((endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant());
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }
}
