package io.pilotlaunch.web;

import io.pilotlaunch.teams.InternalTeams;
import io.pilotlaunch.teams.Team;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who may do what through our API, in one place. The API checks these rules itself and then acts on
 * the engine as the system: a ticketing system may report an issue without the right to change
 * process instances through /engine-rest.
 */
@Component
public class CallerRules {

  private final IdentityService identityService;

  public CallerRules(IdentityService identityService) {
    this.identityService = identityService;
  }

  public String userId() {
    return authentication().getUserId();
  }

  /** Start and abort pilots: {@link Team#PILOT_OWNERS}, as in {@code TeamAuthorizations}. */
  public void requireOwner(String action) {
    if (!isAdmin() && Team.PILOT_OWNERS.stream().map(Team::groupId).noneMatch(groups()::contains)) {
      throw ApiException.forbidden(
          "Only "
              + Team.PILOT_OWNERS.stream().map(Team::groupId).toList()
              + " may "
              + action
              + ".");
    }
  }

  /** Whether the caller is of this team or an admin: what a team owns, such as a milestone. */
  public boolean isOfTeamOrAdmin(Team team) {
    return isAdmin() || groups().contains(team.groupId());
  }

  public void requireTeamMember(String action) {
    if (!isAdmin()
        && Arrays.stream(Team.values()).map(Team::groupId).noneMatch(groups()::contains)) {
      throw ApiException.forbidden("Only members of a team may " + action + ".");
    }
  }

  /**
   * The teams see every pilot; anyone else sees a pilot only as a member of its tenant, as the
   * engine's tenant check has it.
   */
  public boolean maySee(String tenantId) {
    List<String> tenants = authentication().getTenantIds();
    return isAdmin()
        || InternalTeams.includesATeam(groups())
        || (tenants != null && tenants.contains(tenantId));
  }

  /**
   * The tenants whose pilots the caller may see, for queries that filter in SQL; empty when the
   * caller sees every pilot ({@link #maySee}).
   */
  public Optional<List<String>> tenantsSeenIfLimited() {
    if (isAdmin() || InternalTeams.includesATeam(groups())) {
      return Optional.empty();
    }
    List<String> tenants = authentication().getTenantIds();
    return Optional.of(tenants == null ? List.of() : List.copyOf(tenants));
  }

  /** Runs engine calls without the caller's authorization checks, after our rules passed. */
  public <T> T asSystem(Supplier<T> call) {
    Authentication caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return call.get();
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
  }

  private boolean isAdmin() {
    return groups().contains(Groups.CAMUNDA_ADMIN);
  }

  private List<String> groups() {
    List<String> groups = authentication().getGroupIds();
    return groups == null ? List.of() : groups;
  }

  private Authentication authentication() {
    Authentication authentication = identityService.getCurrentAuthentication();
    if (authentication == null) {
      throw new IllegalStateException(
          "No authenticated caller: is the API behind HttpBasicAuthenticationFilter?");
    }
    return authentication;
  }
}
