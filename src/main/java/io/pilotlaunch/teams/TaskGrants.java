package io.pilotlaunch.teams;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheckBuilder;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * The grants Camunda's authorizations cannot express, kept next to those they can ({@link
 * TeamAuthorizations}): whoever may work on a task may save its due and follow-up dates, and a team
 * member may give back a task they hold. Each checks the command itself, then switches the engine's
 * authorization check off for that one command. The command allow-list calls them ({@code
 * engineguards.CommandAllowList}, conditions {@code DUE_AND_FOLLOW_UP_DATES_ONLY} and {@code
 * UNCLAIM_OWN} of {@link TeamCommands}).
 */
public final class TaskGrants {

  /** Fields a dates-only save may change; the engine stamps lastUpdated itself. */
  private static final List<String> TASK_DATES = List.of("dueDate", "followUpDate", "lastUpdated");

  private TaskGrants() {}

  /** Tasklist's "Unclaim": a team member gives back a task they hold, and assigns nobody else. */
  public static void unclaimOwn(
      CommandContext context, String taskId, String assignee, Authentication caller) {
    TaskEntity task = context.getTaskManager().findTaskById(taskId);
    if (task == null) {
      return; // the command itself answers "not found"
    }
    if (assignee != null || !caller.getUserId().equals(task.getAssignee())) {
      throw new AuthorizationException(
          "User '"
              + caller.getUserId()
              + "' may give back a task they hold, not assign tasks; an admin can assign"
              + " tasks to others");
    }
    context.disableAuthorizationCheck();
  }

  /**
   * Tasklist's "Set due date": whoever may work on a task may set its due and follow-up dates, and
   * nothing else of it.
   */
  public static void datesOnly(
      CommandContext context, TaskEntity submitted, Authentication caller) {
    TaskEntity stored = context.getTaskManager().findTaskById(submitted.getId());
    if (stored == null || stored.getProcessDefinitionId() == null) {
      return; // the command itself answers
    }
    List<String> changed = changedFields(stored, submitted);
    changed.removeAll(TASK_DATES);
    if (!changed.isEmpty()) {
      throw new AuthorizationException(
          "Task '"
              + stored.getName()
              + "': a team member may change only its due date and follow-up date, not "
              + String.join(", ", changed)
              + "; nothing was changed");
    }
    CompositePermissionCheck mayWork =
        new PermissionCheckBuilder()
            .disjunctive()
            .atomicCheckForResourceId(Resources.TASK, stored.getId(), TaskPermissions.TASK_WORK)
            .atomicCheckForResourceId(
                Resources.PROCESS_DEFINITION,
                stored.getProcessDefinition().getKey(),
                ProcessDefinitionPermissions.TASK_WORK)
            .build();
    if (context
        .getAuthorizationManager()
        .isAuthorized(caller.getUserId(), caller.getGroupIds(), mayWork)) {
      context.disableAuthorizationCheck();
    }
  }

  /** Every persistent field, the task's own state or whatever Camunda adds to it later. */
  @SuppressWarnings("unchecked")
  private static List<String> changedFields(TaskEntity stored, TaskEntity submitted) {
    Map<String, Object> was = new HashMap<>((Map<String, Object>) stored.getPersistentState());
    Map<String, Object> is = (Map<String, Object>) submitted.getPersistentState();
    List<String> changed = new ArrayList<>();
    for (String field : union(was.keySet(), is.keySet())) {
      if (!Objects.equals(was.get(field), is.get(field))) {
        changed.add(field);
      }
    }
    return changed;
  }

  private static List<String> union(java.util.Set<String> some, java.util.Set<String> others) {
    java.util.Set<String> all = new java.util.TreeSet<>(some);
    all.addAll(others);
    return new ArrayList<>(all);
  }
}
