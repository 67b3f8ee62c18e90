package io.pilotlaunch.resilience;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A round of work every interval on a daemon thread of its own, so that a slow server on the other
 * end holds up neither requests nor the engine's jobs. A round that fails (the database away, say)
 * is logged, and the next one tries again: what waits stays in its outbox.
 */
public final class PollingThread {

  private static final Logger log = LoggerFactory.getLogger(PollingThread.class);

  private final String name;
  private final Duration interval;
  private final BooleanSupplier round;
  private ScheduledExecutorService executor;

  /**
   * @param round one round; true when more may wait at once (a full batch), to go on without pause
   */
  public PollingThread(String name, Duration interval, BooleanSupplier round) {
    this.name = name;
    this.interval = interval;
    this.round = round;
  }

  public synchronized void start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, name);
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(this::rounds, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void rounds() {
    try {
      while (round.getAsBoolean()) {
        log.debug("{}: more may wait; going on", name);
      }
    } catch (RuntimeException e) {
      log.warn("{} round failed: {}", name, e.toString());
    }
  }

  public synchronized void stop() {
    if (executor != null) {
      executor.shutdown();
      try {
        executor.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      executor = null;
    }
  }

  public synchronized boolean isRunning() {
    return executor != null;
  }
}
