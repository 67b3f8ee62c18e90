package io.pilotlaunch.engineguards;

import io.pilotlaunch.resilience.Failures;
import jakarta.ws.rs.core.Response;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A claim takes an unassigned task; one that someone holds, the claimer included, is a conflict
 * (409) that says who has it. The engine lets a user claim their own task again and ignores it, but
 * a second click on "Claim" should hear that the task is already theirs.
 *
 * <p>Two claims of one task by one user at the same instant both read it unassigned, and both add
 * that user's grant on the task: the loser fails on the grant's unique key, not on the engine's
 * optimistic locking. That claim runs once more and then finds the task assigned; unless it is part
 * of a larger transaction (our API's), whose owner decides.
 *
 * <p>The refusal leaves the engine as a {@link RestException} with status 409: Tasklist's API is a
 * Jersey application of Camunda's own whose mappers answer any other engine failure but a bad
 * request or a refused authorization with 500, and a RestException with its status.
 */
final class ClaimGuard extends CommandInterceptor {

  @Override
  public <T> T execute(Command<T> command) {
    if (!(command instanceof ClaimTaskCmd) || Context.getCommandContext() != null) {
      return next.execute(command);
    }
    String taskId = EngineInternals.field(command, "taskId", String.class);
    String userId = EngineInternals.field(command, "userId", String.class);
    if (userId == null) {
      return next.execute(command); // a claim for nobody: an unclaim, the allow-list's to judge
    }
    Command<T> checked =
        new CheckedCommand<>(command, context -> refuseIfAssigned(context, taskId, userId));
    try {
      return next.execute(checked);
    } catch (RuntimeException failure) {
      if (!Failures.isUniqueKeyViolation(failure)
          || TransactionSynchronizationManager.isActualTransactionActive()) {
        throw asConflict(failure);
      }
      try {
        return next.execute(checked); // rolled back whole: runs again on its own
      } catch (RuntimeException again) {
        throw asConflict(again);
      }
    }
  }

  private static void refuseIfAssigned(CommandContext context, String taskId, String userId) {
    TaskEntity task = context.getTaskManager().findTaskById(taskId);
    if (task == null || task.getAssignee() == null) {
      return; // the command itself answers a missing task, and checks who may claim a free one
    }
    // who holds a task is for those who may work it: the engine's check, before the answer
    context
        .getProcessEngineConfiguration()
        .getCommandCheckers()
        .forEach(c -> c.checkTaskWork(task));
    String holder = userId.equals(task.getAssignee()) ? "you" : task.getAssignee();
    throw new TaskAlreadyAssigned(
        taskId,
        task.getAssignee(),
        "Task '" + task.getName() + "' (" + taskId + ") is already claimed by " + holder + ".");
  }

  private static RuntimeException asConflict(RuntimeException failure) {
    if (failure instanceof TaskAlreadyAssigned taken) {
      return new RestException(Response.Status.CONFLICT, taken, taken.getMessage());
    }
    if (Failures.isUniqueKeyViolation(failure)) {
      return new RestException(
          Response.Status.CONFLICT,
          failure,
          "The task was claimed by another request at the same moment; reload the task list.");
    }
    return failure;
  }
}
