package io.pilotlaunch.onboarding;

import io.pilotlaunch.onboarding.TenantRoutes.TenantRoute;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The automated part of onboarding verification: the route exists, the baseline rows match the
 * current baseline version, and the tenant's health URL answers. Each check says what it saw.
 */
@Service
public class OnboardingVerification {

  public record Check(String name, boolean passed, String message) {
    @Override
    public String toString() {
      return (passed ? "PASS " : "FAIL ") + name + ": " + message;
    }
  }

  public record Report(List<Check> checks) {
    public boolean passed() {
      return checks.stream().allMatch(Check::passed);
    }

    /**
     * What failed, in words, before anything else: Cockpit shows an incident's message cut to the
     * width of its column.
     */
    public String failures() {
      return checks.stream()
          .filter(check -> !check.passed())
          .map(check -> "Tenant " + check.name() + " check failed: " + check.message())
          .collect(Collectors.joining("; "));
    }

    public String text() {
      return checks.stream().map(Check::toString).collect(Collectors.joining("\n"));
    }
  }

  private final TenantRoutes routes;
  private final BaselineProvisioning baselines;
  private final PilotEnvironments environments;
  private final HttpClient http;
  private final Duration readTimeout;

  public OnboardingVerification(
      TenantRoutes routes,
      BaselineProvisioning baselines,
      PilotEnvironments environments,
      @Value("${pilot.onboarding.health-probe.connect-timeout:PT2S}") Duration connectTimeout,
      @Value("${pilot.onboarding.health-probe.read-timeout:PT5S}") Duration readTimeout) {
    this.routes = routes;
    this.baselines = baselines;
    this.environments = environments;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.readTimeout = readTimeout;
  }

  public Report verify(String tenantId) {
    List<Check> checks = new ArrayList<>();
    Optional<TenantRoute> route = routes.find(tenantId);
    checks.add(
        route
            .map(
                r ->
                    new Check(
                        "route",
                        TenantRoutes.ACTIVE.equals(r.status()),
                        r.environment()
                            + "/"
                            + r.region()
                            + " at "
                            + r.baseUrl()
                            + " ("
                            + r.status()
                            + ")"))
            .orElse(new Check("route", false, "no route for tenant " + tenantId)));
    int version = baselines.currentBaseline().version();
    checks.add(
        baselines.matchesCurrent(tenantId)
            ? new Check(
                "baseline",
                true,
                baselines.currentBaseline().settings().size()
                    + " settings match baseline v"
                    + version)
            : new Check(
                "baseline",
                false,
                "settings do not match baseline v"
                    + version
                    + " (tenant is at "
                    + baselines.versionOf(tenantId).map(v -> "v" + v).orElse("no baseline")
                    + ")"));
    checks.add(
        route.map(this::probeHealth).orElse(new Check("health", false, "no route to probe")));
    return new Report(checks);
  }

  private Check probeHealth(TenantRoute route) {
    String url =
        environments
            .find(route.environment())
            .map(environment -> environment.healthUrl(route.baseUrl()))
            .orElse(route.baseUrl() + "/health");
    long started = System.nanoTime();
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(readTimeout).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      long millis = (System.nanoTime() - started) / 1_000_000;
      boolean healthy = response.statusCode() >= 200 && response.statusCode() < 300;
      return new Check(
          "health",
          healthy,
          "GET " + url + " answered HTTP " + response.statusCode() + " in " + millis + " ms");
    } catch (IOException | IllegalArgumentException e) {
      return new Check(
          "health",
          false,
          "GET "
              + url
              + " failed: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Check("health", false, "GET " + url + " was interrupted");
    }
  }
}
