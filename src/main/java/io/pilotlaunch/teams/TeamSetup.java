package io.pilotlaunch.teams;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GLOBAL;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import io.pilotlaunch.sql.InList;
import io.pilotlaunch.teams.TeamAuthorizations.Grant;
import io.pilotlaunch.teams.TeamAuthorizations.SharedFilters;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.AuthorizationQuery;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the teams, their Tasklist filters and every grant of {@link TeamAuthorizations} on every
 * start, in every profile, and the demo users where the demo profile asks for them.
 *
 * <p>Idempotent: what exists is left as it is, what is missing is added. Several nodes may start at
 * once against one database, so the whole setup runs in one transaction that first locks the
 * engine's deployment-lock row; the second node then sees what the first created.
 */
@Component
public class TeamSetup extends AbstractProcessEnginePlugin {

  static final String MY_TASKS_FILTER = "My tasks";

  /** Shared filters beyond the teams': what is late and what is due within two days. */
  public static final String OVERDUE_FILTER = "Overdue";

  public static final String DUE_SOON_FILTER = "Due soon";

  /** Every open task of every pilot, for the milestone owner. */
  public static final String ALL_PILOT_TASKS_FILTER = "All pilot tasks";

  private static final Logger log = LoggerFactory.getLogger(TeamSetup.class);

  private final TransactionTemplate transaction;
  private final JdbcTemplate jdbc;
  private final boolean createDemoUsers;

  public TeamSetup(
      PlatformTransactionManager transactionManager,
      JdbcTemplate jdbc,
      @Value("${pilot.demo-users:false}") boolean createDemoUsers) {
    this.transaction = new TransactionTemplate(transactionManager);
    this.jdbc = jdbc;
    this.createDemoUsers = createDemoUsers;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    transaction.executeWithoutResult(
        status -> {
          jdbc.queryForList(
              "select VALUE_ from ACT_GE_PROPERTY where NAME_ = 'deployment.lock' for update");
          ensureTeams(engine.getIdentityService());
          leaveThePilotTenants();
          if (createDemoUsers) {
            ensureDemoUsers(engine.getIdentityService());
          }
          Map<Team, String> teamFilterIds = new EnumMap<>(Team.class);
          for (Team team : Team.values()) {
            TaskQuery candidateTasks =
                engine
                    .getTaskService()
                    .createTaskQuery()
                    .taskCandidateGroup(team.groupId())
                    .includeAssignedTasks();
            teamFilterIds.put(
                team,
                ensureFilter(
                    engine.getFilterService(),
                    team.filterName(),
                    candidateTasks,
                    "Tasks for " + team.displayName() + ", claimed or not",
                    10));
          }
          TaskQuery assignedToMe =
              engine.getTaskService().createTaskQuery().taskAssigneeExpression("${currentUser()}");
          String myTasksFilterId =
              ensureFilter(
                  engine.getFilterService(),
                  MY_TASKS_FILTER,
                  assignedToMe,
                  "Tasks assigned to me",
                  -10);
          FilterService filters = engine.getFilterService();
          String overdueFilterId =
              ensureFilter(
                  filters,
                  OVERDUE_FILTER,
                  engine.getTaskService().createTaskQuery().dueBeforeExpression("${now()}"),
                  "Tasks past their due date",
                  -9);
          String dueSoonFilterId =
              ensureFilter(
                  filters,
                  DUE_SOON_FILTER,
                  engine
                      .getTaskService()
                      .createTaskQuery()
                      .dueAfterExpression("${now()}")
                      .dueBeforeExpression("${dateTime().plusDays(2).toDate()}"),
                  "Tasks due within the next two days",
                  -8);
          String allPilotTasksFilterId =
              ensureFilter(
                  filters,
                  ALL_PILOT_TASKS_FILTER,
                  engine
                      .getTaskService()
                      .createTaskQuery()
                      .processDefinitionKeyIn(
                          TeamAuthorizations.PILOT_PROCESS_KEYS.toArray(String[]::new)),
                  "Every open task of every pilot, all teams",
                  20);
          SharedFilters shared =
              new SharedFilters(
                  teamFilterIds,
                  myTasksFilterId,
                  overdueFilterId,
                  dueSoonFilterId,
                  allPilotTasksFilterId);
          for (Grant grant : TeamAuthorizations.grants(shared)) {
            ensureGrant(engine.getAuthorizationService(), grant);
          }
        });
    log.info(
        "Teams, Tasklist filters and authorizations are in place{}",
        createDemoUsers ? ", with demo users" : "");
  }

  /**
   * Earlier versions made every team a member of every pilot's tenant; the tenant check no longer
   * applies to teams ({@link InternalTeams}), and those memberships only cost.
   */
  private void leaveThePilotTenants() {
    String teams = InList.placeholders(Team.values().length);
    int left =
        jdbc.update(
            "delete from ACT_ID_TENANT_MEMBER where GROUP_ID_ in (" + teams + ")",
            (Object[])
                java.util.Arrays.stream(Team.values()).map(Team::groupId).toArray(String[]::new));
    if (left > 0) {
      log.info("The teams left {} pilot tenant memberships they no longer need", left);
    }
  }

  private static void ensureTeams(IdentityService identity) {
    for (Team team : Team.values()) {
      if (identity.createGroupQuery().groupId(team.groupId()).singleResult() == null) {
        Group group = identity.newGroup(team.groupId());
        group.setName(team.displayName());
        group.setType(Team.GROUP_TYPE);
        identity.saveGroup(group);
      }
    }
  }

  /** One user per team, password = user id. Only the demo profile asks for these. */
  private static void ensureDemoUsers(IdentityService identity) {
    for (Team team : Team.values()) {
      String userId = team.demoUserId();
      if (identity.createUserQuery().userId(userId).singleResult() == null) {
        User user = identity.newUser(userId);
        user.setFirstName("Demo");
        user.setLastName(team.displayName());
        user.setEmail(userId + "@pilot-launch.example");
        user.setPassword(userId);
        identity.saveUser(user);
      }
      if (identity.createUserQuery().userId(userId).memberOfGroup(team.groupId()).count() == 0) {
        identity.createMembership(userId, team.groupId());
      }
    }
  }

  private static String ensureFilter(
      FilterService filters, String name, TaskQuery query, String description, int priority) {
    List<Filter> shared =
        filters.createFilterQuery().filterName(name).list().stream()
            .filter(filter -> filter.getOwner() == null)
            .toList();
    Map<String, Object> properties =
        Map.of(
            "description",
            description,
            "priority",
            priority,
            "refresh",
            true,
            "variables",
            // task-local copies (TaskContext): a team may read its tasks, not the pilot's variables
            List.of(
                Map.of("name", Variables.TASK_TENANT, "label", "Tenant"),
                Map.of("name", Variables.TASK_ENVIRONMENT, "label", "Environment")));
    if (!shared.isEmpty()) {
      Filter existing = shared.get(0);
      if (!properties.equals(existing.getProperties())) {
        filters.saveFilter(existing.setProperties(properties));
      }
      return existing.getId();
    }
    Filter filter = filters.newTaskFilter(name).setQuery(query).setProperties(properties);
    filters.saveFilter(filter);
    return filter.getId();
  }

  private static void ensureGrant(AuthorizationService authorizations, Grant grant) {
    AuthorizationQuery query =
        authorizations
            .createAuthorizationQuery()
            .resourceType(grant.resource())
            .resourceId(grant.resourceId());
    query =
        grant.isGlobal()
            ? query.authorizationType(AUTH_TYPE_GLOBAL)
            : query.authorizationType(AUTH_TYPE_GRANT).groupIdIn(grant.groupId());
    Authorization authorization = query.singleResult();
    if (authorization == null) {
      authorization =
          authorizations.createNewAuthorization(
              grant.isGlobal() ? AUTH_TYPE_GLOBAL : AUTH_TYPE_GRANT);
      authorization.setResource(grant.resource());
      authorization.setResourceId(grant.resourceId());
      if (grant.isGlobal()) {
        authorization.setUserId(Authorization.ANY);
      } else {
        authorization.setGroupId(grant.groupId());
      }
    } else if (grant.permissions().stream().allMatch(authorization::isPermissionGranted)) {
      return;
    }
    for (Permission permission : grant.permissions()) {
      authorization.addPermission(permission);
    }
    authorizations.saveAuthorization(authorization);
  }
}
