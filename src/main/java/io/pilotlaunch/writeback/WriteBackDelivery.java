package io.pilotlaunch.writeback;

import io.micrometer.core.instrument.MeterRegistry;
import io.pilotlaunch.pilot.PilotRuns;
import io.pilotlaunch.signoff.MilestoneExport;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This node's {@link WriteBackWorker}, run every poll-interval on a thread of its own when a
 * milestone's write-back is enabled, so a slow git host holds up neither requests nor the engine's
 * jobs. Every node runs one; the outbox's claims keep two from writing back one run.
 */
@Component
class WriteBackDelivery implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WriteBackDelivery.class);

  private final WriteBackWorker worker;
  private final WriteBackSettings settings;
  private ScheduledExecutorService executor;

  WriteBackDelivery(
      WriteBackOutbox outbox,
      PilotRuns runs,
      MilestoneExport export,
      WriteBackSettings settings,
      Clock clock,
      MeterRegistry meters) {
    this.worker = new WriteBackWorker(outbox, runs, export, settings, clock, meters);
    this.settings = settings;
  }

  /** This node's worker: what the tests drive when the background worker is off. */
  WriteBackWorker worker() {
    return worker;
  }

  @Override
  public synchronized void start() {
    if (settings.enabled().isEmpty() || !settings.backgroundWorker()) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "write-back");
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(
        this::round, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void round() {
    try {
      while (worker.writeBackDue() > 0) {
        log.debug("Runs written back; looking for more");
      }
    } catch (RuntimeException e) {
      // the database away, say: the next round tries again, the runs wait in the outbox
      log.warn("Write-back round failed: {}", e.toString());
    }
  }

  @Override
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

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }
}
