package io.pilotlaunch.operations;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Response and resolution SLAs per issue severity ({@code pilot.sla.<severity>} in
 * application.yaml).
 */
@ConfigurationProperties("pilot")
public record SlaPolicy(Map<String, Sla> sla) {

  public record Sla(Duration firstResponse, Duration resolution) {}

  public SlaPolicy {
    sla = sla == null ? Map.of() : new TreeMap<>(sla);
  }

  public Sla of(String severity) {
    Sla found = sla.get(severity);
    if (found == null) {
      throw new IllegalArgumentException(
          "No SLA for severity '" + severity + "'; configured: " + sla.keySet());
    }
    return found;
  }

  public java.util.Set<String> severities() {
    return sla.keySet();
  }
}
