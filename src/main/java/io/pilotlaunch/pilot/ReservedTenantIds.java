package io.pilotlaunch.pilot;

import io.pilotlaunch.teams.Team;
import java.util.Arrays;

/**
 * Tenant ids a pilot may not take: Camunda's own names (its admin group is camunda-admin) and the
 * teams' group ids, which would read as something they are not in grants, filters and logs.
 */
final class ReservedTenantIds {

  static final String REFUSAL =
      "is reserved: names starting with 'camunda' and the teams' group ids cannot be pilot tenants";

  private ReservedTenantIds() {}

  static boolean isReserved(String tenantId) {
    return tenantId != null
        && (tenantId.startsWith("camunda")
            || Arrays.stream(Team.values()).map(Team::groupId).anyMatch(tenantId::equals));
  }
}
