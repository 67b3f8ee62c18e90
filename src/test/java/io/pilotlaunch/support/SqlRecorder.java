package io.pilotlaunch.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.proxy.ParameterSetOperation;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Records the SQL the app sends (datasource-proxy around its DataSource): what one piece of work on
 * the current thread executes, or every statement with its time, for the benchmark.
 */
public final class SqlRecorder implements QueryExecutionListener {

  /**
   * One statement as sent: its SQL, how many parameters it bound (and their values, in order), how
   * long it took, by which thread.
   */
  public record Statement(
      String sql, int parameters, List<Object> values, long millis, String thread) {}

  private final ThreadLocal<List<Statement>> onThisThread = new ThreadLocal<>();
  private final ConcurrentLinkedQueue<Statement> everywhere = new ConcurrentLinkedQueue<>();
  private volatile boolean recordingEverywhere;

  /** Wraps the app's DataSource bean, so that everything that uses it is recorded. */
  public BeanPostProcessor wrapDataSource() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        return bean instanceof DataSource dataSource && "dataSource".equals(name)
            ? ProxyDataSourceBuilder.create(name, dataSource).listener(SqlRecorder.this).build()
            : bean;
      }
    };
  }

  /** The statements this work sends from the current thread. */
  public List<Statement> of(Runnable work) {
    return of(
        () -> {
          work.run();
          return null;
        },
        new ArrayList<>());
  }

  private List<Statement> of(Supplier<?> work, List<Statement> statements) {
    onThisThread.set(statements);
    try {
      work.get();
      return statements;
    } finally {
      onThisThread.remove();
    }
  }

  /** From now on, every statement of every thread, until {@link #stopEverywhere()}. */
  public void recordEverywhere() {
    everywhere.clear();
    recordingEverywhere = true;
  }

  public List<Statement> stopEverywhere() {
    recordingEverywhere = false;
    return new ArrayList<>(everywhere);
  }

  private static Object valueOf(ParameterSetOperation parameter) {
    boolean none =
        parameter.getMethod().getName().equals("setNull") || parameter.getArgs().length < 2;
    return none ? null : parameter.getArgs()[1];
  }

  @Override
  public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {}

  @Override
  public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
    List<Statement> recording = onThisThread.get();
    if (recording == null && !recordingEverywhere) {
      return;
    }
    for (QueryInfo query : queries) {
      List<Object> values = new ArrayList<>();
      query.getParametersList().stream()
          .findFirst()
          .ifPresent(
              set ->
                  set.stream()
                      .sorted(Comparator.comparingInt(p -> ((Number) p.getArgs()[0]).intValue()))
                      .forEach(p -> values.add(valueOf(p))));
      int parameters = query.getParametersList().stream().mapToInt(List::size).sum();
      Statement statement =
          new Statement(
              query.getQuery(),
              parameters,
              values,
              execution.getElapsedTime(),
              Thread.currentThread().getName());
      if (recording != null) {
        recording.add(statement);
      }
      if (recordingEverywhere) {
        everywhere.add(statement);
      }
    }
  }
}
