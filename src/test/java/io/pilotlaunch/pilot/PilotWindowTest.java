package io.pilotlaunch.pilot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlaunch.web.HumanTime;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pilot window as people give it and as they read it back. */
class PilotWindowTest {

  private final PilotWindow utc = new PilotWindow(new HumanTime(ZoneId.of("UTC")));
  private final PilotWindow berlin = new PilotWindow(new HumanTime(ZoneId.of("Europe/Berlin")));

  @Test
  void aLastPilotDayIsStoredAsTheEndOfThatDayAndReadBackAsTheDay() {
    Instant end = utc.end("2026-12-31").orElseThrow();

    assertThat(end).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(utc.lastDay(end)).isEqualTo("31 Dec 2026");
    assertThat(utc.describe("2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z"))
        .isEqualTo("1 Dec 2026 to 31 Dec 2026");
  }

  @Test
  void daysAreReadInThePilotsTimeZone() {
    Instant start = berlin.start("2026-12-01").orElseThrow();
    Instant end = berlin.end("2026-12-31").orElseThrow();

    assertThat(end).isEqualTo(Instant.parse("2026-12-31T23:00:00Z"));
    assertThat(berlin.describe(start, end)).isEqualTo("1 Dec 2026 to 31 Dec 2026");
  }

  @Test
  void aWindowGivenToTheMinuteIsReadToTheMinute() {
    assertThat(utc.describe("2026-12-01T08:00:00Z", "2026-12-31T18:30:00Z"))
        .isEqualTo("1 Dec 2026, 08:00 UTC to 31 Dec 2026, 18:30 UTC");
    assertThat(utc.describe("not stored by us", null)).isEqualTo("not stored by us to null");
  }

  @Test
  void aDayTheCalendarDoesNotHaveIsSaidInWords() {
    assertThat(PilotWindow.notACalendarDay("2026-02-30"))
        .contains("is not a day in the calendar: February 2026 has 28 days");
    assertThat(PilotWindow.notACalendarDay("2028-02-30"))
        .contains("is not a day in the calendar: February 2028 has 29 days");
    assertThat(PilotWindow.notACalendarDay("2026-13-01"))
        .contains("is not a day in the calendar: there is no month 13");
    assertThat(PilotWindow.notACalendarDay("2026-12-01")).isEmpty();
    assertThat(PilotWindow.notACalendarDay("next monday")).isEmpty();
    assertThat(utc.start("2026-02-30")).isEmpty();
  }

  /** A refused start from Tasklist names each field as the start form labels it. */
  @Test
  void theStartRulesNameTheFieldsByTheStartFormsLabels() throws IOException {
    JsonNode form = new ObjectMapper().readTree(Path.of("forms", "start-pilot.form").toFile());
    Map<String, String> labels = new LinkedHashMap<>();
    form.path("components")
        .forEach(
            component -> {
              if (component.hasNonNull("key")) {
                labels.put(component.get("key").asText(), component.get("label").asText());
              }
            });

    assertThat(PilotRunListeners.START_FORM_LABELS).containsExactlyEntriesOf(labels);
  }
}
