package io.pilotlaunch.onboarding;

import io.pilotlaunch.teams.Team;
import java.util.Arrays;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.stereotype.Component;

/**
 * The Camunda tenant of a pilot (id = tenant id). The teams are its members, so they see and work
 * the pilot; a user or group that is a member of no pilot's tenant sees none of them.
 */
@Component
public class PilotTenants {

  private final IdentityService identityService;

  public PilotTenants(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** Creates the tenant and the team memberships that are missing; leaves the rest as it is. */
  public void ensure(String tenantId, String tenantName) {
    Tenant tenant = identityService.createTenantQuery().tenantId(tenantId).singleResult();
    if (tenant == null) {
      tenant = identityService.newTenant(tenantId);
      tenant.setName(tenantName == null || tenantName.isBlank() ? tenantId : tenantName);
      identityService.saveTenant(tenant);
    }
    for (String groupId : Arrays.stream(Team.values()).map(Team::groupId).toList()) {
      if (identityService.createTenantQuery().tenantId(tenantId).groupMember(groupId).count()
          == 0) {
        identityService.createTenantGroupMembership(tenantId, groupId);
      }
    }
  }
}
