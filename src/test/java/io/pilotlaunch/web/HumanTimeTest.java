package io.pilotlaunch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class HumanTimeTest {

  @Test
  void timesAreReadableAndInUtc() {
    assertThat(HumanTime.when(Instant.parse("2026-12-03T14:05:59.123Z")))
        .isEqualTo("3 Dec 2026, 14:05 UTC");
    assertThat(HumanTime.when(null)).isEqualTo("unknown time");
  }

  @Test
  void daysAreReadInTheirZone() {
    assertThat(HumanTime.day(Instant.parse("2026-12-31T23:59:59Z"), ZoneOffset.UTC))
        .isEqualTo("31 Dec 2026");
    assertThat(HumanTime.day(Instant.parse("2026-12-31T23:30:00Z"), ZoneId.of("Europe/Berlin")))
        .isEqualTo("1 Jan 2027");
  }

  @Test
  void durationsShowTheirTwoLargestUnits() {
    assertThat(HumanTime.duration(Duration.parse("PT1M24.992247S"))).isEqualTo("1 min 24 s");
    assertThat(HumanTime.duration(Duration.ofSeconds(7))).isEqualTo("7 s");
    assertThat(HumanTime.duration(Duration.ofMinutes(125))).isEqualTo("2 h 5 min");
    assertThat(HumanTime.duration(Duration.ofHours(52))).isEqualTo("2 d 4 h");
    assertThat(HumanTime.duration(Duration.ofDays(3))).isEqualTo("3 d");
  }
}
