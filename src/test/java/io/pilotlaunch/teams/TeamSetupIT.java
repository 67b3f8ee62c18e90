package io.pilotlaunch.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.FILTER;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;

import io.pilotlaunch.support.EmbeddedPostgresDatabase;
import io.pilotlaunch.support.ForkedApp;
import io.pilotlaunch.support.PostgresIntegrationTest;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class TeamSetupIT extends PostgresIntegrationTest {

  @Autowired IdentityService identityService;
  @Autowired FilterService filterService;
  @Autowired AuthorizationService authorizationService;

  @Test
  void everyTeamIsAGroup() {
    for (Team team : Team.values()) {
      Group group = identityService.createGroupQuery().groupId(team.groupId()).singleResult();
      assertThat(group).as(team.groupId()).isNotNull();
      assertThat(group.getName()).isEqualTo(team.displayName());
    }
  }

  @Test
  void thePostgresProfileHasNoDemoUsers() {
    for (Team team : Team.values()) {
      assertThat(identityService.createUserQuery().userId(team.demoUserId()).count())
          .as(team.demoUserId())
          .isZero();
    }
  }

  @Test
  void everyTeamHasASharedFilterOfItsCandidateGroupAndEveryoneHasMyTasks() {
    for (Team team : Team.values()) {
      Filter filter = sharedFilter(team.filterName());
      TaskQueryImpl query = filter.getQuery();
      assertThat(query.getCandidateGroup()).isEqualTo(team.groupId());
      assertThat(query.isIncludeAssignedTasks()).isTrue();
      assertThat(teamMayDo(team, READ, FILTER, filter.getId())).as(team.filterName()).isTrue();
      Team other = Team.values()[(team.ordinal() + 1) % Team.values().length];
      assertThat(teamMayDo(other, READ, FILTER, filter.getId()))
          .as(other + " reads " + team.filterName())
          .isFalse();
    }
    Filter myTasks = sharedFilter(TeamSetup.MY_TASKS_FILTER);
    TaskQueryImpl query = myTasks.getQuery();
    assertThat(query.getExpressions()).containsEntry("taskAssignee", "${currentUser()}");
    assertThat(
            authorizationService.isUserAuthorized(
                "anyone", List.of(), READ, FILTER, myTasks.getId()))
        .isTrue();
  }

  @Test
  void teamsUseTasklistAndOnlyTheOwnersUseCockpitReadOnly() {
    for (Team team : Team.values()) {
      assertThat(teamMayDo(team, ACCESS, APPLICATION, "tasklist")).as(team + " tasklist").isTrue();
      assertThat(teamMayDo(team, ACCESS, APPLICATION, "admin")).as(team + " admin").isFalse();
      boolean owner = team == Team.DEVOPS_SRE || team == Team.PRODUCT_MANAGEMENT;
      assertThat(teamMayDo(team, ACCESS, APPLICATION, "cockpit"))
          .as(team + " cockpit")
          .isEqualTo(owner);
      for (String key : TeamAuthorizations.PILOT_PROCESS_KEYS) {
        assertThat(
                teamMayDo(
                    team, ProcessDefinitionPermissions.READ_INSTANCE, PROCESS_DEFINITION, key))
            .as(team + " reads instances of " + key)
            .isEqualTo(owner);
        assertThat(teamMayDo(team, ProcessDefinitionPermissions.RETRY_JOB, PROCESS_DEFINITION, key))
            .as(team + " retries jobs of " + key)
            .isEqualTo(team == Team.DEVOPS_SRE);
        assertThat(
                teamMayDo(
                    team, ProcessDefinitionPermissions.UPDATE_INSTANCE, PROCESS_DEFINITION, key))
            .as(team + " changes instances of " + key)
            .isFalse();
        assertThat(
                teamMayDo(
                    team, ProcessDefinitionPermissions.DELETE_INSTANCE, PROCESS_DEFINITION, key))
            .as(team + " deletes instances of " + key)
            .isFalse();
      }
    }
  }

  @Test
  void aSecondNodeOnTheSameDatabaseChangesNoTeamFilterOrGrant() {
    String before = setupSnapshot();

    try (ForkedApp secondNode =
        ForkedApp.start(
            "--spring.profiles.active=postgres",
            "--spring.datasource.url=" + EmbeddedPostgresDatabase.jdbcUrl(),
            "--spring.datasource.username=" + EmbeddedPostgresDatabase.USER,
            "--spring.datasource.password=",
            "--camunda.bpm.admin-user.password=" + ADMIN_PASSWORD)) {
      assertThat(secondNode.output())
          .contains("Teams, Tasklist filters and authorizations are in place");
      assertThat(secondNode.http().get("/actuator/health").getStatusCode().value()).isEqualTo(200);
    }

    assertThat(setupSnapshot()).isEqualTo(before);
  }

  private Filter sharedFilter(String name) {
    List<Filter> filters = filterService.createFilterQuery().filterName(name).list();
    assertThat(filters).as("filters named " + name).hasSize(1);
    assertThat(filters.get(0).getOwner()).isNull();
    return filters.get(0);
  }

  private boolean teamMayDo(
      Team team, Permission permission, Resource resource, String resourceId) {
    return authorizationService.isUserAuthorized(
        "someone-of-" + team.groupId(), List.of(team.groupId()), permission, resource, resourceId);
  }

  /** Everything the setup creates, with ids: a row created again would show up as a change. */
  private String setupSnapshot() {
    String groups =
        identityService.createGroupQuery().list().stream()
            .map(g -> g.getId() + "|" + g.getName() + "|" + g.getType())
            .sorted()
            .collect(Collectors.joining("\n"));
    String filters =
        filterService.createFilterQuery().list().stream()
            .map(f -> f.getId() + "|" + f.getName() + "|" + f.getOwner() + "|" + f.getProperties())
            .sorted()
            .collect(Collectors.joining("\n"));
    String grants =
        authorizationService.createAuthorizationQuery().list().stream()
            .map(
                a ->
                    a.getId()
                        + "|"
                        + a.getAuthorizationType()
                        + "|"
                        + a.getGroupId()
                        + "|"
                        + a.getUserId()
                        + "|"
                        + a.getResourceType()
                        + "|"
                        + a.getResourceId()
                        + "|"
                        + ((AuthorizationEntity) a).getPermissions())
            .sorted()
            .collect(Collectors.joining("\n"));
    return groups + "\n--\n" + filters + "\n--\n" + grants;
  }
}
