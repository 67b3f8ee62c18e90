package io.pilotlaunch.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilotlaunch.operations.Severities.Sla;
import io.pilotlaunch.support.ApplicationYaml;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The severities' order is their priority, their rank and what the exit counts as critical. */
class SeveritiesTest {

  private static final Sla A_DAY = new Sla(Duration.ofHours(1), Duration.ofDays(1));

  private final Severities configured = ApplicationYaml.bind("pilot", Severities.class);

  @Test
  void theConfiguredSeveritiesAreMostSevereFirstWithTheirSlas() {
    assertThat(configured.names()).containsExactly("critical", "high", "medium", "low");
    assertThat(configured.slaOf("critical"))
        .isEqualTo(new Sla(Duration.ofHours(1), Duration.ofHours(24)));
    assertThat(configured.slaOf("low")).isEqualTo(new Sla(Duration.ofDays(3), Duration.ofDays(30)));
  }

  @Test
  void aTaskPriorityFollowsTheSeverityPlace() {
    assertThat(configured.names().stream().map(configured::taskPriority))
        .containsExactly(100, 75, 50, 25);
    assertThat(configured.taskPriority(null)).isEqualTo(Severities.NORMAL_PRIORITY);
    assertThat(configured.taskPriority("no-longer-listed")).isEqualTo(Severities.NORMAL_PRIORITY);
  }

  @Test
  void aSeverityAddedAboveCriticalRanksFirstAndCountsAsCritical() {
    Severities withBlocker = severities(List.of("blocker", "critical", "high", "medium", "low"));

    assertThat(withBlocker.taskPriority("blocker")).isEqualTo(125);
    assertThat(withBlocker.taskPriority("critical"))
        .as("the others keep their priority")
        .isEqualTo(100);
    assertThat(withBlocker.taskPriority("low")).isEqualTo(25);
    assertThat(
            List.of("low", "unknown", "critical", "blocker", "medium").stream()
                .sorted(Comparator.comparing(withBlocker::rank))
                .toList())
        .containsExactly("blocker", "critical", "medium", "low", "unknown");
    assertThat(withBlocker.criticalOrWorse()).containsExactly("blocker", "critical");
    assertThat(withBlocker.isCriticalOrWorse("high")).isFalse();
    assertThat(withBlocker.isCriticalOrWorse(null)).isFalse();
    assertThat(new SeverityOptions(withBlocker).choices())
        .containsExactly(
            Map.entry("blocker", "Blocker"),
            Map.entry("critical", "Critical"),
            Map.entry("high", "High"),
            Map.entry("medium", "Medium"),
            Map.entry("low", "Low"));
  }

  @Test
  void aSeverityWithoutItsSlaOrAnSlaWithoutItsSeverityStopsTheStart() {
    Map<String, Sla> slas = new HashMap<>();
    slas.put("critical", A_DAY);
    slas.put("minor", A_DAY);

    assertThatThrownBy(() -> new Severities(List.of("blocker", "critical", "critical"), slas))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("severity 'blocker' needs pilot.sla.blocker.first-response")
        .hasMessageContaining("severity 'critical' is listed twice")
        .hasMessageContaining("pilot.sla.minor is the SLA of no severity in pilot.severities");
    assertThatThrownBy(() -> new Severities(List.of("high"), Map.of("high", A_DAY)))
        .hasMessageContaining("severity 'critical' must be listed");
    assertThatThrownBy(() -> new Severities(List.of(), Map.of()))
        .hasMessageContaining("pilot.severities lists no severity");
    assertThatThrownBy(
            () ->
                new Severities(
                    List.of("critical", "Sev 1"), Map.of("critical", A_DAY, "Sev 1", A_DAY)))
        .hasMessageContaining("severity 'Sev 1' must be lower-case letters");
  }

  private static Severities severities(List<String> names) {
    Map<String, Sla> slas = new HashMap<>();
    names.forEach(name -> slas.put(name, A_DAY));
    return new Severities(names, slas);
  }
}
