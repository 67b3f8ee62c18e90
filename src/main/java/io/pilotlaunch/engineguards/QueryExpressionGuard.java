package io.pilotlaunch.engineguards;

import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.query.Query;

/**
 * No ad-hoc task query evaluates an expression, whichever entry point sent it: /engine-rest, the
 * webapps' API or Java. Camunda 7.24 checks only the top level of an ad-hoc query and evaluates
 * what hides in its {@code or()} parts (the "orQueries" of REST); only paid patches fix that.
 *
 * <p>An ad-hoc task query runs as a command of its own, and a filter runs with the query that
 * extends it: both pass this interceptor, so the check sits where the query executes, not on a URL.
 * A stored filter's own query is not a command and keeps its expressions, such as {@code
 * ${currentUser()}}; only admins create filters.
 */
final class QueryExpressionGuard extends CommandInterceptor {

  @Override
  public <T> T execute(Command<T> command) {
    if (command instanceof TaskQueryImpl query) {
      refuseExpressions(query);
    } else if (command instanceof AbstractExecuteFilterCmd filter
        && EngineInternals.field(filter, "extendingQuery", Query.class)
            instanceof TaskQueryImpl extending) {
      refuseExpressions(extending);
    }
    return next.execute(command);
  }

  /** Checks the query and every part of its or(): the engine lists the query itself first. */
  private static void refuseExpressions(TaskQueryImpl query) {
    List<TaskQueryImpl> parts = query.getQueries();
    for (int i = 0; i < parts.size(); i++) {
      if (!parts.get(i).getExpressions().isEmpty()) {
        String where = i == 0 ? "the query" : "or-query " + i;
        throw new BadUserRequestException(
            "Expressions are not allowed in task queries (found in "
                + String.join(", ", parts.get(i).getExpressions().keySet())
                + " of "
                + where
                + ")");
      }
    }
  }
}
