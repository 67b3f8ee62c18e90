package io.pilotlaunch.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CorrelateAllMessageCmd;
import org.camunda.bpm.engine.impl.cmd.CorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a team's command again when it lost a race on the engine's optimistic locking. Two teams
 * completing parallel checklist items of one pilot at the same instant both reach the joining
 * gateway, and the engine lets only one commit: the other would see a 500. Run again, it finds the
 * first one's work done and completes. A command that lost the race on its own task (two clicks on
 * one task) runs again and then finds the task gone or claimed, which /engine-rest answers with 409
 * ({@code EngineRestErrors}).
 *
 * <p>Only commands that are transactions of their own are run again (Tasklist, /engine-rest): the
 * failed attempt rolled back whole. A command inside a larger transaction (our API's) leaves the
 * retry to that transaction's owner ({@code ConflictRetry}). Jobs have the job executor's own
 * handling of these conflicts.
 */
@Component
public class RetryOnConflict extends AbstractProcessEnginePlugin {

  static final int ATTEMPTS = 5;

  /**
   * Commands a person or a client sends, whose second run is safe and whose conflicts are races.
   */
  private static final Set<Class<?>> RETRIED =
      Set.of(
          CompleteTaskCmd.class,
          SubmitTaskFormCmd.class,
          ResolveTaskCmd.class,
          ClaimTaskCmd.class,
          CorrelateMessageCmd.class,
          CorrelateAllMessageCmd.class,
          MessageEventReceivedCmd.class);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = new ArrayList<>();
    interceptors.add(new Retrying()); // outermost: around the transaction
    if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
      interceptors.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
    }
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  private static final class Retrying extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      if (!RETRIED.contains(command.getClass())
          || Context.getCommandContext() != null
          || TransactionSynchronizationManager.isActualTransactionActive()) {
        return next.execute(command);
      }
      return Retries.whileRacing(
          ATTEMPTS, 10, OptimisticLockingException.class::isInstance, () -> next.execute(command));
    }
  }
}
