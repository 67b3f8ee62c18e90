package io.pilotlaunch.onboarding;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.stereotype.Component;

/**
 * The Camunda tenant of a pilot (id = tenant id). The teams need no membership: the tenant check
 * does not apply to them ({@code InternalTeams}). A user of a customer is made a member of its
 * tenant, by an admin, and sees that pilot only.
 */
@Component
public class PilotTenants {

  private final IdentityService identityService;

  public PilotTenants(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** Creates the tenant if it is missing; leaves the rest as it is. */
  public void ensure(String tenantId, String tenantName) {
    Tenant tenant = identityService.createTenantQuery().tenantId(tenantId).singleResult();
    if (tenant == null) {
      tenant = identityService.newTenant(tenantId);
      tenant.setName(tenantName == null || tenantName.isBlank() ? tenantId : tenantName);
      identityService.saveTenant(tenant);
    }
  }
}
