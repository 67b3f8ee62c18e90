package io.pilotlaunch.teams;

import io.pilotlaunch.process.ConfigurationLists;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * The eight teams work every pilot, so the engine's tenant check does not apply to them: a command
 * run for a member of a team runs without it. Pilot tenants then need no team memberships, and a
 * team member's requests no longer load and send every tenant id ever created. Users who belong to
 * no team (a customer's, say) keep the tenant check: they see the pilots of their tenants only.
 * Authorizations still apply to everyone.
 */
@Component
public class InternalTeams extends AbstractProcessEnginePlugin {

  private static final Set<String> TEAM_GROUPS =
      Arrays.stream(Team.values()).map(Team::groupId).collect(Collectors.toUnmodifiableSet());

  /** Whether these groups make their user a member of a team. */
  public static boolean includesATeam(List<String> groupIds) {
    return groupIds != null && groupIds.stream().anyMatch(TEAM_GROUPS::contains);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCustomPostCommandInterceptorsTxRequired(
        ConfigurationLists.withAdded(
            configuration.getCustomPostCommandInterceptorsTxRequired(),
            new NoTenantCheckForTeams()));
  }

  /** Runs inside the command context, so it can switch the tenant check off for this command. */
  private static final class NoTenantCheckForTeams extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      CommandContext context = Context.getCommandContext();
      Authentication caller = context.getAuthentication();
      if (caller != null && context.isTenantCheckEnabled() && includesATeam(caller.getGroupIds())) {
        context.disableTenantCheck();
        try {
          return next.execute(command);
        } finally {
          context.enableTenantCheck();
        }
      }
      return next.execute(command);
    }
  }
}
