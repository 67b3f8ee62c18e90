package io.pilotlaunch.teams;

import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.TaskReportImpl;
import org.camunda.bpm.engine.impl.cmd.AddCommentCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.AuthorizationCheckCmd;
import org.camunda.bpm.engine.impl.cmd.CheckPassword;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CreateGroupQueryCmd;
import org.camunda.bpm.engine.impl.cmd.CreateTenantQueryCmd;
import org.camunda.bpm.engine.impl.cmd.CreateUserQueryCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterCountCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterListCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterListPageCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterSingleResultCmd;
import org.camunda.bpm.engine.impl.cmd.GetActivityInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeployedProcessDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeployedStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeploymentProcessDiagramCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeploymentProcessModelCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeploymentResourceCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeploymentResourcesCmd;
import org.camunda.bpm.engine.impl.cmd.GetFilterCmd;
import org.camunda.bpm.engine.impl.cmd.GetFormKeyCmd;
import org.camunda.bpm.engine.impl.cmd.GetIdentityLinksForTaskCmd;
import org.camunda.bpm.engine.impl.cmd.GetJobExceptionStacktraceCmd;
import org.camunda.bpm.engine.impl.cmd.GetPasswordPolicyCmd;
import org.camunda.bpm.engine.impl.cmd.GetProcessInstanceCommentsCmd;
import org.camunda.bpm.engine.impl.cmd.GetStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.GetStartFormVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.GetStaticCalledProcessDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskCommentCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskCommentsCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariableCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariableCmdTyped;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.GetUserAccountCmd;
import org.camunda.bpm.engine.impl.cmd.GetUserInfoCmd;
import org.camunda.bpm.engine.impl.cmd.GetUserInfoKeysCmd;
import org.camunda.bpm.engine.impl.cmd.IsIdentityServiceReadOnlyCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveUserCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobRetriesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;

/**
 * Every engine command a person who is not an admin may run, in one place next to the grants
 * ({@link TeamAuthorizations}). The engine refuses every other command they send ({@code
 * security.CommandAllowList}): restart, modification, migration, variable writes, attachments, and
 * whatever a later Camunda version adds. A command the engine runs inside another is judged by the
 * outer one.
 *
 * <p>Reading is open to everyone who logs in: what they then see is what the grants and the tenant
 * check let them see. A read listed here must only read.
 */
public final class TeamCommands {

  /** Who may run a command. */
  public enum Who {
    /** Anyone who logs in: team members and the users of a pilot tenant. */
    ANYONE("anyone"),
    TEAM_MEMBER("members of a team"),
    /** {@link Team#PILOT_OWNERS}: they start and watch pilots. */
    PILOT_OWNER("the milestone owner and the technical owner"),
    /** {@link Team#DEVOPS_SRE}: retries what failed. */
    TECHNICAL_OWNER("the technical owner");

    private final String inWords;

    Who(String inWords) {
      this.inWords = inWords;
    }

    public String inWords() {
      return inWords;
    }

    public boolean includes(List<String> groupIds) {
      List<String> groups = groupIds == null ? List.of() : groupIds;
      return switch (this) {
        case ANYONE -> true;
        case TEAM_MEMBER -> InternalTeams.includesATeam(groups);
        case PILOT_OWNER ->
            Team.PILOT_OWNERS.stream().map(Team::groupId).anyMatch(groups::contains);
        case TECHNICAL_OWNER -> groups.contains(Team.DEVOPS_SRE.groupId());
      };
    }
  }

  /**
   * What must hold for a command's arguments besides the grants. The engine's security package
   * checks each where the command runs.
   */
  public enum Condition {
    NONE,
    /** Completing or submitting: only the fields of the task's form (TaskInputGuard). */
    TASK_FORM,
    /** Starting: only the fields of the start form, at the start (TaskInputGuard). */
    START_FORM,
    /** Claiming for oneself, never for someone else. */
    CLAIM_FOR_ONESELF,
    /**
     * Giving back a task one holds (Tasklist's "Unclaim"); reassigning is for admins. Granted here:
     * Camunda asks TASK_ASSIGN for it, which would let a team hand tasks to anyone.
     */
    UNCLAIM_OWN,
    /**
     * Saving a task changes its due and follow-up dates only (Tasklist's "Set due date"), for
     * whoever may work it. Granted here: Camunda asks UPDATE for it, which would let a team rename,
     * reprioritize or reassign the task.
     */
    DUE_AND_FOLLOW_UP_DATES_ONLY,
    /** A comment no longer than {@code pilot.limits.comment-length}. */
    COMMENT_WITHIN_LIMIT,
    /**
     * More retries for jobs that failed (incidents), by job, keeping their due date: a timer is
     * never moved, and a job that has not failed is not touched.
     */
    FAILED_JOB_KEEPING_DUE_DATE,
    /** One's own password, within the password policy; nothing else of one's profile. */
    OWN_PASSWORD_ONLY
  }

  /**
   * @param command the command class; an abstract class stands for all its subclasses
   */
  public record Allowed(Class<?> command, Who who, Condition condition, String inWords) {}

  private static Allowed read(Class<?> command, String inWords) {
    return new Allowed(command, Who.ANYONE, Condition.NONE, inWords);
  }

  public static final List<Allowed> ALLOWED =
      List.of(
          // Reading: Tasklist, Cockpit and /engine-rest GETs.
          read(AbstractQuery.class, "query what the grants let them see"),
          read(
              nested(TaskReportImpl.class, "TaskCountByCandidateGroupCmd"), "count tasks by group"),
          read(ExecuteFilterListCmd.class, "list a filter's tasks"),
          read(ExecuteFilterListPageCmd.class, "list a filter's tasks"),
          read(ExecuteFilterCountCmd.class, "count a filter's tasks"),
          read(ExecuteFilterSingleResultCmd.class, "read a filter's task"),
          read(GetFilterCmd.class, "read a filter"),
          read(AuthorizationCheckCmd.class, "ask what they may do"),
          read(CreateUserQueryCmd.class, "look up users"),
          read(CreateGroupQueryCmd.class, "look up groups"),
          read(CreateTenantQueryCmd.class, "look up tenants"),
          read(GetUserAccountCmd.class, "read their account"),
          read(GetUserInfoCmd.class, "read user info"),
          read(GetUserInfoKeysCmd.class, "read user info"),
          read(GetPasswordPolicyCmd.class, "read the password policy"),
          read(IsIdentityServiceReadOnlyCmd.class, "ask whether users can be changed"),
          read(CheckPassword.class, "check a password (throttled)"),
          read(GetDeployedProcessDefinitionCmd.class, "read a process definition"),
          read(GetDeploymentProcessModelCmd.class, "read a process diagram"),
          read(GetDeploymentProcessDiagramCmd.class, "read a process diagram"),
          read(GetDeploymentResourceCmd.class, "read a deployed resource"),
          read(GetDeploymentResourcesCmd.class, "list deployed resources"),
          read(GetStaticCalledProcessDefinitionCmd.class, "read called processes"),
          read(GetActivityInstanceCmd.class, "read where a process instance is"),
          read(GetStartFormCmd.class, "read a start form"),
          read(GetDeployedStartFormCmd.class, "read a start form"),
          read(GetStartFormVariablesCmd.class, "read a start form's values"),
          read(GetFormKeyCmd.class, "read a form key"),
          read(GetTaskFormCmd.class, "read a task form"),
          read(GetDeployedTaskFormCmd.class, "read a task form"),
          read(GetTaskFormVariablesCmd.class, "read a task form's values"),
          read(GetTaskVariableCmd.class, "read a task variable"),
          read(GetTaskVariableCmdTyped.class, "read a task variable"),
          read(GetTaskVariablesCmd.class, "read task variables"),
          read(GetIdentityLinksForTaskCmd.class, "read a task's candidates"),
          read(GetTaskCommentsCmd.class, "read a task's comments"),
          read(GetTaskCommentCmd.class, "read a task's comment"),
          read(GetProcessInstanceCommentsCmd.class, "read a pilot's comments"),
          read(GetJobExceptionStacktraceCmd.class, "read why a job failed"),
          // A person's own account.
          new Allowed(
              SaveUserCmd.class, Who.ANYONE, Condition.OWN_PASSWORD_ONLY, "change their password"),
          // Working the tasks of one's team (the grants decide which tasks).
          new Allowed(
              ClaimTaskCmd.class, Who.TEAM_MEMBER, Condition.CLAIM_FOR_ONESELF, "claim a task"),
          new Allowed(
              AssignTaskCmd.class,
              Who.TEAM_MEMBER,
              Condition.UNCLAIM_OWN,
              "give back a task they hold"),
          new Allowed(
              CompleteTaskCmd.class, Who.TEAM_MEMBER, Condition.TASK_FORM, "complete a task"),
          new Allowed(
              SubmitTaskFormCmd.class,
              Who.TEAM_MEMBER,
              Condition.TASK_FORM,
              "submit a task's form"),
          new Allowed(
              SaveTaskCmd.class,
              Who.TEAM_MEMBER,
              Condition.DUE_AND_FOLLOW_UP_DATES_ONLY,
              "set a task's due or follow-up date"),
          new Allowed(
              AddCommentCmd.class,
              Who.TEAM_MEMBER,
              Condition.COMMENT_WITHIN_LIMIT,
              "comment on a task"),
          // Starting pilots through the start form.
          new Allowed(
              StartProcessInstanceCmd.class,
              Who.PILOT_OWNER,
              Condition.START_FORM,
              "start a pilot"),
          new Allowed(
              SubmitStartFormCmd.class,
              Who.PILOT_OWNER,
              Condition.START_FORM,
              "start a pilot with the start form"),
          // Operating pilots: retrying what failed.
          new Allowed(
              SetJobRetriesCmd.class,
              Who.TECHNICAL_OWNER,
              Condition.FAILED_JOB_KEEPING_DUE_DATE,
              "retry a failed job"));

  private TeamCommands() {}

  /** A command Camunda declares inside another class, not visible from here. */
  private static Class<?> nested(Class<?> outer, String simpleName) {
    return Arrays.stream(outer.getDeclaredClasses())
        .filter(type -> type.getSimpleName().equals(simpleName))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    outer.getName()
                        + " declares no "
                        + simpleName
                        + ": this Camunda version differs from the one the allow-list names"));
  }

  /** The entry that names this command, exactly or through an abstract class above it. */
  public static Optional<Allowed> find(Class<?> command) {
    return ALLOWED.stream()
        .filter(
            allowed ->
                allowed.command().equals(command)
                    || (Modifier.isAbstract(allowed.command().getModifiers())
                        && allowed.command().isAssignableFrom(command)))
        .findFirst();
  }

  /**
   * Commands the engine runs on the caller's behalf after another, named for what the caller asked:
   * a refused job execution is followed by the failed-job listener, refused in turn, so the refusal
   * costs the job no retry.
   */
  private static final java.util.Map<String, String> ASKED_FOR =
      java.util.Map.of(
          "org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd", "execute job",
          "org.camunda.bpm.engine.impl.jobexecutor.FailedJobListener", "execute job",
          "org.camunda.bpm.engine.impl.jobexecutor.SuccessfulJobListener", "execute job");

  /** "RestartProcessInstancesCmd" → "restart process instances": what a refusal names. */
  public static String inWords(Class<?> command) {
    if (ASKED_FOR.containsKey(command.getName())) {
      return ASKED_FOR.get(command.getName());
    }
    String name = command.getSimpleName().replaceFirst("Cmd$", "");
    return Arrays.stream(name.split("(?<=[a-z])(?=[A-Z])"))
        .map(word -> word.toLowerCase(java.util.Locale.ROOT))
        .reduce((a, b) -> a + " " + b)
        .orElse(name);
  }
}
