package io.pilotlaunch.engineguards;

import io.pilotlaunch.authentication.Admins;
import io.pilotlaunch.teams.TaskGrants;
import io.pilotlaunch.teams.TeamCommands;
import io.pilotlaunch.teams.TeamCommands.Allowed;
import io.pilotlaunch.teams.TeamCommands.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterListPageCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.ListQueryParameterObject;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine runs for a person who is not an admin only the commands {@link TeamCommands} lists,
 * with their conditions; every other command is refused (403) before it runs, naming it. Sits in
 * the engine, so /engine-rest, the webapps' API and Java calls pass it alike. A command the engine
 * runs inside another is judged by the outer one. The system (no authenticated user: the job
 * executor, our API after its own caller rules) and admins are not checked.
 */
final class CommandAllowList extends CommandInterceptor {

  private static final Logger log = LoggerFactory.getLogger(CommandAllowList.class);

  private final ProcessEngineConfigurationImpl engine;
  private final int commentLength;
  private final int maxResults;

  CommandAllowList(ProcessEngineConfigurationImpl engine, int commentLength, int maxResults) {
    this.engine = engine;
    this.commentLength = commentLength;
    this.maxResults = maxResults;
  }

  @Override
  public <T> T execute(Command<T> command) {
    if (Context.getCommandContext() != null) {
      return next.execute(command);
    }
    Authentication caller = engine.getIdentityService().getCurrentAuthentication();
    if (caller == null || Admins.includes(engine, caller)) {
      return next.execute(command);
    }
    Allowed allowed =
        TeamCommands.find(command.getClass()).orElseThrow(() -> notListed(caller, command));
    if (!allowed.who().includes(caller.getGroupIds())) {
      throw new AuthorizationException(
          "Only "
              + allowed.who().inWords()
              + " may "
              + allowed.inWords()
              + "; nothing was changed.");
    }
    checkPage(command);
    Consumer<CommandContext> check = checkOf(allowed.condition(), command, caller);
    return check == null
        ? next.execute(command)
        : next.execute(new CheckedCommand<>(command, check));
  }

  /**
   * A page of at most {@code pilot.limits.max-results} rows. A list without a page (the REST API's
   * default) is what the caller may see, as Camunda answers it.
   */
  private void checkPage(Command<?> command) {
    Integer first = null;
    Integer size = null;
    if (command instanceof ListQueryParameterObject query) {
      first = query.getFirstResult();
      size = query.getMaxResults();
    } else if (command instanceof ExecuteFilterListPageCmd) {
      first = EngineInternals.field(command, "firstResult", Integer.class);
      size = EngineInternals.field(command, "maxResults", Integer.class);
    }
    boolean unpaged = size != null && size == Integer.MAX_VALUE;
    if ((first != null && first < 0)
        || (size != null && !unpaged && (size < 0 || size > maxResults))) {
      throw new InputRefused(
          "maxResults must be between 0 and "
              + maxResults
              + " and firstResult 0 or more; ask for the next page with firstResult.");
    }
  }

  private static AuthorizationException notListed(Authentication caller, Command<?> command) {
    log.warn(
        "Refused {} to '{}': not on the allow-list",
        command.getClass().getName(),
        caller.getUserId());
    return new AuthorizationException(
        "User '"
            + caller.getUserId()
            + "' may not "
            + TeamCommands.inWords(command.getClass())
            + ": a team member runs only what their work needs (SECURITY.md lists it);"
            + " nothing was changed.");
  }

  /**
   * @return the check to run in the command's own context before it, or null when the arguments
   *     alone decided
   */
  private Consumer<CommandContext> checkOf(
      Condition condition, Command<?> command, Authentication caller) {
    return switch (condition) {
      case NONE, TASK_FORM, START_FORM -> null; // the forms are TaskInputGuard's
      case CLAIM_FOR_ONESELF -> {
        String assignee = EngineInternals.field(command, "userId", String.class);
        // a claim for nobody would be an unclaim of whoever holds the task
        if (!caller.getUserId().equals(assignee)) {
          throw new AuthorizationException(
              "User '"
                  + caller.getUserId()
                  + "' may claim tasks for themselves only, not for '"
                  + assignee
                  + "'; an admin can assign tasks to others");
        }
        yield null;
      }
      case UNCLAIM_OWN -> {
        String taskId = EngineInternals.field(command, "taskId", String.class);
        String assignee = EngineInternals.field(command, "userId", String.class);
        yield context -> TaskGrants.unclaimOwn(context, taskId, assignee, caller);
      }
      case DUE_AND_FOLLOW_UP_DATES_ONLY -> {
        TaskEntity submitted = EngineInternals.field(command, "task", TaskEntity.class);
        if (submitted == null || submitted.getRevision() == 0) {
          throw new AuthorizationException(
              "Only admins may create tasks: a pilot's tasks come from its model");
        }
        yield context -> TaskGrants.datesOnly(context, submitted, caller);
      }
      case COMMENT_WITHIN_LIMIT -> {
        String message = EngineInternals.field(command, "message", String.class);
        if (message != null && message.length() > commentLength) {
          throw new InputRefused(
              "A comment may have at most "
                  + commentLength
                  + " characters; this one has "
                  + message.length()
                  + ". Put longer text in a document and link it.");
        }
        yield null;
      }
      case FAILED_JOB_KEEPING_DUE_DATE -> failedJobsOnly(command);
      case OWN_PASSWORD_ONLY -> {
        User user = EngineInternals.field(command, "user", User.class);
        if (!(user instanceof UserEntity entity)
            || !caller.getUserId().equals(entity.getId())
            || entity.getRevision() == 0) {
          throw new AuthorizationException(
              "User '"
                  + caller.getUserId()
                  + "' may change their own password only; users are managed by admins");
        }
        yield context -> passwordOnly(context, entity);
      }
    };
  }

  private static Consumer<CommandContext> failedJobsOnly(Command<?> command) {
    boolean movesDueDate = EngineInternals.field(command, "isDueDateSet", Boolean.class);
    String definition = EngineInternals.field(command, "jobDefinitionId", String.class);
    int retries = EngineInternals.field(command, "retries", Integer.class);
    if (movesDueDate || definition != null || retries < 1) {
      throw new AuthorizationException(
          "The technical owner may give failed jobs more retries, one job at a time, keeping"
              + " their due date; moving a timer or a job's due date is for admins");
    }
    List<String> jobIds = new ArrayList<>();
    String jobId = EngineInternals.field(command, "jobId", String.class);
    if (jobId != null) {
      jobIds.add(jobId);
    }
    @SuppressWarnings("unchecked")
    List<String> more = EngineInternals.field(command, "jobIds", List.class);
    if (more != null) {
      jobIds.addAll(more);
    }
    return context -> {
      for (String id : jobIds) {
        JobEntity job = context.getJobManager().findJobById(id);
        if (job != null && job.getRetries() > 0) {
          throw new AuthorizationException(
              "Job "
                  + id
                  + " has not failed (it has "
                  + job.getRetries()
                  + " retries left): only failed jobs get more retries; nothing was changed");
        }
      }
    };
  }

  private static void passwordOnly(CommandContext context, UserEntity submitted) {
    UserEntity stored =
        context.getDbEntityManager().selectById(UserEntity.class, submitted.getId());
    if (stored == null) {
      return; // the command itself answers
    }
    boolean profileChanged =
        !Objects.equals(stored.getFirstName(), submitted.getFirstName())
            || !Objects.equals(stored.getLastName(), submitted.getLastName())
            || !Objects.equals(stored.getEmail(), submitted.getEmail());
    if (profileChanged || !submitted.hasNewPassword()) {
      throw new AuthorizationException(
          "User '"
              + submitted.getId()
              + "' may change their own password only; name and e-mail are changed by admins");
    }
  }
}
