package io.pilotlaunch.teams;

import java.util.List;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.db.QueryService;
import org.camunda.bpm.cockpit.impl.DefaultCockpitRuntimeDelegate;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.db.ListQueryParameterObject;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.db.QueryParameters;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * {@link InternalTeams} for Cockpit's own queries. Cockpit's process instance search, incidents and
 * statistics (the plugin endpoints under {@code /camunda/api/cockpit/plugin/base/}) are not engine
 * commands: the webapps run them through a query service of their own, and each endpoint puts the
 * caller's tenant ids into the query's tenant check. So a team member, who is a member of no pilot
 * tenant, found no pilot there. Here the query service lifts that check for team members, as the
 * engine's interceptor does for their commands; anyone else's queries keep it (ADR 0011).
 */
@Component
class CockpitQueriesForTeams implements SmartInitializingSingleton {

  /**
   * Cockpit's bootstrap listener sets its runtime delegate when the servlet context starts, which
   * Spring Boot does before it creates the singletons and long before the server accepts requests:
   * so this replaces it before Cockpit's first query. Without a servlet container (no webapps)
   * there is nothing to replace.
   */
  @Override
  public void afterSingletonsInstantiated() {
    if (Cockpit.getRuntimeDelegate() != null) {
      Cockpit.setCockpitRuntimeDelegate(new RuntimeDelegate());
    }
  }

  /** Camunda's delegate, with the query service decorated. */
  static final class RuntimeDelegate extends DefaultCockpitRuntimeDelegate {
    @Override
    public QueryService getQueryService(String processEngineName) {
      return new TeamQueries(
          super.getQueryService(processEngineName),
          getProcessEngine(processEngineName).getIdentityService());
    }
  }

  /** Runs Cockpit's queries without the tenant check when the caller is a member of a team. */
  static final class TeamQueries implements QueryService {
    private final QueryService queries;
    private final IdentityService identityService;

    TeamQueries(QueryService queries, IdentityService identityService) {
      this.queries = queries;
      this.identityService = identityService;
    }

    @Override
    public <T> List<T> executeQuery(String statement, QueryParameters parameters) {
      return queries.executeQuery(statement, forCaller(parameters));
    }

    @Override
    public Long executeQueryRowCount(String statement, ListQueryParameterObject parameters) {
      return queries.executeQueryRowCount(statement, forCaller(parameters));
    }

    /** The endpoint has set the tenant check from the caller's tenants; a team needs none. */
    private <P extends ListQueryParameterObject> P forCaller(P parameters) {
      Authentication caller = identityService.getCurrentAuthentication();
      if (caller != null && InternalTeams.includesATeam(caller.getGroupIds())) {
        parameters.getTenantCheck().setTenantCheckEnabled(false);
        parameters.getTenantCheck().setAuthTenantIds(null);
      }
      return parameters;
    }
  }
}
