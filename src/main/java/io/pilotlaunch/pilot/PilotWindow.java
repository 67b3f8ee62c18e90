package io.pilotlaunch.pilot;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The pilot window's bounds as people give them: an ISO-8601 timestamp with offset, or a plain date
 * ({@code 2026-12-01}). A plain date means the start of that day when it starts the window and the
 * end of that day when it ends it, in the pilots' time zone ({@code pilot.time-zone}, UTC unless
 * configured).
 */
@Component
public class PilotWindow {

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
