package io.pilotlaunch.onboarding;

import io.pilotlaunch.onboarding.PilotEnvironments.PilotEnvironment;
import io.pilotlaunch.onboarding.TenantRoutes.TenantRoute;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Routes a pilot tenant to its environment and region. Idempotent: routing a tenant again to the
 * same place changes nothing and records nothing; routing it elsewhere is a conflict.
 */
@Service
public class TenantRouting {

  static final String ROUTE_CREATED = "ROUTE_CREATED";
  static final String ROUTE_UPDATED = "ROUTE_UPDATED";
  static final String ROUTE_REMOVED = "ROUTE_REMOVED";

  private final PilotEnvironments environments;
  private final TenantRoutes routes;
  private final PilotTenants tenants;
  private final OnboardingAudit audit;
  private final Clock clock;

  public TenantRouting(
      PilotEnvironments environments,
      TenantRoutes routes,
      PilotTenants tenants,
      OnboardingAudit audit,
      Clock clock) {
    this.environments = environments;
    this.routes = routes;
    this.tenants = tenants;
    this.audit = audit;
    this.clock = clock;
  }

  /** A conflict is found before anything is written; it must not doom the engine's transaction. */
  @Transactional(noRollbackFor = OnboardingConflictException.class)
  public TenantRoute route(
      String tenantId,
      String tenantName,
      String environmentName,
      String region,
      String processInstanceId) {
    PilotEnvironment environment =
        environments
            .find(environmentName)
            .orElseThrow(
                () ->
                    new OnboardingConflictException(
                        "Environment '"
                            + environmentName
                            + "' is not configured; known: "
                            + environments.names()
                            + "."));
    if (!environment.regions().contains(region)) {
      throw new OnboardingConflictException(
          "Environment '"
              + environmentName
              + "' has no region '"
              + region
              + "'; its regions: "
              + environment.regions()
              + ".");
    }
    String baseUrl = environment.baseUrl(tenantId, region);
    Optional<TenantRoute> existing = routes.find(tenantId);
    if (existing.isPresent()) {
      TenantRoute route = existing.get();
      if (!route.environment().equals(environmentName) || !route.region().equals(region)) {
        throw new OnboardingConflictException(
            "Tenant '"
                + tenantId
                + "' is already routed to "
                + route.environment()
                + "/"
                + route.region()
                + " ("
                + route.baseUrl()
                + "); this pilot asks for "
                + environmentName
                + "/"
                + region
                + ".");
      }
      if (!route.baseUrl().equals(baseUrl) || !TenantRoutes.ACTIVE.equals(route.status())) {
        routes.updateBaseUrl(route, baseUrl, clock.instant());
        audit.record(
            tenantId,
            ROUTE_UPDATED,
            "Base URL " + route.baseUrl() + " -> " + baseUrl,
            processInstanceId);
      }
    } else {
      routes.insert(tenantId, environmentName, region, baseUrl, clock.instant());
      audit.record(
          tenantId,
          ROUTE_CREATED,
          environmentName + "/" + region + " at " + baseUrl,
          processInstanceId);
    }
    tenants.ensure(tenantId, tenantName);
    return routes.find(tenantId).orElseThrow();
  }

  /** The compensation of {@link #route}: the route is gone, the audit log says so. */
  @Transactional
  public void removeRoute(String tenantId, String processInstanceId) {
    Optional<TenantRoute> route = routes.find(tenantId);
    if (route.isPresent() && routes.delete(tenantId)) {
      audit.record(
          tenantId,
          ROUTE_REMOVED,
          "Rolled back route "
              + route.get().environment()
              + "/"
              + route.get().region()
              + " at "
              + route.get().baseUrl(),
          processInstanceId);
    }
  }
}
