package io.pilotlaunch.teams;

import static io.pilotlaunch.teams.Team.DEVOPS_SRE;
import static io.pilotlaunch.teams.Team.PRODUCT_MANAGEMENT;
import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.FILTER;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.TASK;

import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.process.PostMvpEnhancementsProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;

/**
 * Every authorization this deployment grants, in one place.
 *
 * <p>What is not here is not granted. Tasks need no grant: the engine authorizes a task's candidate
 * group on the task itself (with {@code TASK_WORK}, see application.yaml), so a team sees and works
 * the tasks of its own candidate group and nothing else. Admin is {@code camunda-admin} only, which
 * Camunda authorizes by itself.
 */
public final class TeamAuthorizations {

  /** The process definitions of a pilot: Cockpit access is scoped to these keys. */
  public static final List<String> PILOT_PROCESS_KEYS =
      List.of(MvpPilotLaunchProcess.PROCESS_ID, PostMvpEnhancementsProcess.PROCESS_ID);

  /** Group id {@code null} means a global grant: every authenticated user. */
  public record Grant(
      String groupId, Resource resource, String resourceId, List<Permission> permissions) {

    Grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
      this(groupId, resource, resourceId, List.of(permissions));
    }

    public boolean isGlobal() {
      return groupId == null;
    }
  }

  private TeamAuthorizations() {}

  /** The ids of the shared Tasklist filters. */
  public record SharedFilters(
      Map<Team, String> teamFilterIds,
      String myTasksFilterId,
      String overdueFilterId,
      String dueSoonFilterId,
      String allPilotTasksFilterId) {}

  public static List<Grant> grants(SharedFilters filters) {
    Map<Team, String> teamFilterIds = filters.teamFilterIds();
    List<Grant> grants = new ArrayList<>();
    // Everyone's own view: each lists only the tasks its user may read.
    grants.add(new Grant(null, FILTER, filters.myTasksFilterId(), READ));
    grants.add(new Grant(null, FILTER, filters.overdueFilterId(), READ));
    grants.add(new Grant(null, FILTER, filters.dueSoonFilterId(), READ));

    // The milestone owner sees every team's tasks, to chase them; reading is all it may do there.
    grants.add(
        new Grant(PRODUCT_MANAGEMENT.groupId(), FILTER, filters.allPilotTasksFilterId(), READ));
    for (Team team : Team.values()) {
      String group = team.groupId();
      grants.add(new Grant(group, APPLICATION, "tasklist", ACCESS));
      grants.add(new Grant(group, FILTER, teamFilterIds.get(team), READ));
      // Tasklist shows the process name and diagram of a task.
      for (String key : PILOT_PROCESS_KEYS) {
        grants.add(new Grant(group, PROCESS_DEFINITION, key, ProcessDefinitionPermissions.READ));
      }
    }

    // The milestone owner and the technical owner start pilots and watch them in Cockpit,
    // read-only.
    for (Team owner : Team.PILOT_OWNERS) {
      String group = owner.groupId();
      grants.add(new Grant(group, APPLICATION, "cockpit", ACCESS));
      grants.add(new Grant(group, PROCESS_INSTANCE, "*", CREATE));
      // Cockpit's Human Tasks counts tasks per group with a check on all tasks, not per process;
      // every task here belongs to a pilot (team members cannot create tasks), which READ_TASK
      // below
      // lets the owners read anyway.
      grants.add(new Grant(group, TASK, "*", READ));
      for (String key : PILOT_PROCESS_KEYS) {
        grants.add(
            new Grant(
                group,
                PROCESS_DEFINITION,
                key,
                ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE,
                ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.CREATE_INSTANCE,
                // every team's tasks, to read: the "All pilot tasks" filter, Cockpit's Human Tasks
                ProcessDefinitionPermissions.READ_TASK));
      }
    }

    // The technical owner may retry failed jobs (incidents) and nothing else that writes.
    for (String key : PILOT_PROCESS_KEYS) {
      grants.add(
          new Grant(
              DEVOPS_SRE.groupId(),
              PROCESS_DEFINITION,
              key,
              ProcessDefinitionPermissions.RETRY_JOB));
    }
    return grants;
  }
}
