package io.pilotlaunch.teams;

import io.pilotlaunch.process.ConfigurationLists;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * The engine's authorization manager, with two changes that keep every answer as Camunda gives it
 * (docs/adr/0027, 0028):
 *
 * <ul>
 *   <li>A caller's groups go into a check as they are. Camunda first narrows them to the groups
 *       holding any authorization at all, with a read of every authorization's group ({@code
 *       selectAuthorizedGroupIds}) in every command that checks: for directories where a user
 *       belongs to thousands of groups. Here a user belongs to a team or two, and a group that
 *       holds no authorization matches no row of a check anyway.
 *   <li>A command's check ("may this caller work this task?") reads the authorization rows it may
 *       match in one plain query ({@link AuthorizationRows}) and decides in Java. Camunda's
 *       statement for it is dynamic SQL of six subqueries per permission that MyBatis builds anew
 *       on every call: most of the CPU a claim or a submit spent on authorization. Checks this does
 *       not cover (revoke checks on, nested or conjunctive checks, a resource id taken from a
 *       query, a permission the resource does not have, a database other than H2 and PostgreSQL) go
 *       to Camunda's statement.
 * </ul>
 */
@Component
public class EngineAuthorizationManager extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCustomSessionFactories(
        ConfigurationLists.withAdded(
            configuration.getCustomSessionFactories(), new ManagerFactory()));
  }

  /** Replaces the engine's own authorization manager: one per command, as the engine's. */
  private static final class ManagerFactory implements SessionFactory {
    @Override
    public Class<?> getSessionType() {
      return AuthorizationManager.class;
    }

    @Override
    public Session openSession() {
      return new Manager();
    }
  }

  static final class Manager extends AuthorizationManager {
    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      if (authenticatedGroupIds == null) {
        return new ArrayList<>();
      }
      LinkedHashSet<String> groups = new LinkedHashSet<>(authenticatedGroupIds);
      groups.remove(null);
      return new ArrayList<>(groups);
    }

    @Override
    public boolean isAuthorized(
        String userId, List<String> groupIds, PermissionCheck permissionCheck) {
      if (!isAuthorizationEnabled()) {
        return true;
      }
      CompositePermissionCheck single = new CompositePermissionCheck();
      single.addAtomicCheck(permissionCheck);
      return isAuthorized(userId, groupIds, single);
    }

    @Override
    public boolean isAuthorized(
        String userId, List<String> groupIds, CompositePermissionCheck check) {
      ProcessEngineConfigurationImpl engine = Context.getProcessEngineConfiguration();
      if (!AuthorizationRows.answers(check, engine.getDatabaseType())
          // Camunda's own refusal of a permission the resource does not have
          || !check.getAllPermissionChecks().stream().allMatch(this::isResourceValidForPermission)
          || isRevokeAuthCheckEnabled(userId, groupIds)) {
        return super.isAuthorized(userId, groupIds, check);
      }
      return AuthorizationRows.read(
              getDbSqlSession().getSqlSession().getConnection(),
              engine,
              userId,
              filterAuthenticatedGroupIds(groupIds),
              check.getAtomicChecks())
          .authorize(check);
    }
  }
}
