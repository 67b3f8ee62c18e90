package io.pilotlaunch.engineguards;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * Which commands the engine really ran for a user: recorded inside the command context, after every
 * guard, so a command that got past them shows here. Records only the users a test watches.
 */
public class CommandJournal extends AbstractProcessEnginePlugin {

  private final Set<String> watched = ConcurrentHashMap.newKeySet();
  private final Queue<Ran> ran = new ConcurrentLinkedQueue<>();
  private final ThreadLocal<Integer> depth = ThreadLocal.withInitial(() -> 0);

  public record Ran(String userId, Class<?> command) {}

  public void watch(String userId) {
    watched.add(userId);
  }

  public List<Ran> ranFor(String userId) {
    List<Ran> of = new ArrayList<>();
    ran.stream().filter(entry -> entry.userId().equals(userId)).forEach(of::add);
    return of;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors =
        configuration.getCustomPostCommandInterceptorsTxRequired() == null
            ? new ArrayList<>()
            : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
    interceptors.add(new Recorder());
    configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
  }

  private final class Recorder extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      int outer = depth.get();
      depth.set(outer + 1);
      try {
        String userId = Context.getCommandContext().getAuthenticatedUserId();
        if (outer == 0 && userId != null && watched.contains(userId)) {
          Class<?> type =
              command instanceof CheckedCommand<?> checked
                  ? checked.command().getClass()
                  : command.getClass();
          ran.add(new Ran(userId, type));
        }
        return next.execute(command);
      } finally {
        depth.set(outer);
      }
    }
  }
}
