package io.pilotlaunch.onboarding;

import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The environments a pilot tenant can be routed to ({@code pilot.environments} in
 * application.yaml). A base URL pattern names {@code {tenant}}, {@code {region}} and {@code
 * {environment}}; the health URL is the base URL plus the health path.
 */
@ConfigurationProperties("pilot")
public record PilotEnvironments(List<PilotEnvironment> environments) {

  public PilotEnvironments {
    environments = environments == null ? List.of() : List.copyOf(environments);
  }

  public record PilotEnvironment(
      String name, List<String> regions, String baseUrlPattern, String healthPath) {

    public PilotEnvironment {
      regions = regions == null ? List.of() : List.copyOf(regions);
      healthPath = healthPath == null ? "/health" : healthPath;
    }

    public String baseUrl(String tenantId, String region) {
      return baseUrlPattern
          .replace("{tenant}", tenantId)
          .replace("{region}", region)
          .replace("{environment}", name);
    }

    public String healthUrl(String baseUrl) {
      return baseUrl + healthPath;
    }
  }

  public Optional<PilotEnvironment> find(String name) {
    return environments.stream().filter(environment -> environment.name().equals(name)).findFirst();
  }

  public List<String> names() {
    return environments.stream().map(PilotEnvironment::name).toList();
  }
}
