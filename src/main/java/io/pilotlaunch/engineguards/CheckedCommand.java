package io.pilotlaunch.engineguards;

import java.util.function.Consumer;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/** A command run after its check, in the same command context and transaction. */
record CheckedCommand<T>(Command<T> command, Consumer<CommandContext> check) implements Command<T> {
  @Override
  public T execute(CommandContext context) {
    check.accept(context);
    return command.execute(context);
  }
}
