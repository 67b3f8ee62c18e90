package io.pilotlaunch.writeback;

import io.micrometer.core.instrument.MeterRegistry;
import io.pilotlaunch.pilot.PilotRuns;
import io.pilotlaunch.resilience.PollingThread;
import io.pilotlaunch.signoff.MilestoneExport;
import java.time.Clock;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This node's {@link WriteBackWorker}, run every poll-interval on a thread of its own when a
 * milestone's write-back is enabled, so a slow git host holds up neither requests nor the engine's
 * jobs. Every node runs one; the outbox's claims keep two from writing back one run.
 */
@Component
class WriteBackDelivery implements SmartLifecycle {

  private final WriteBackWorker worker;
  private final WriteBackSettings settings;
  private final PollingThread polling;

  WriteBackDelivery(
      WriteBackOutbox outbox,
      PilotRuns runs,
      MilestoneExport export,
      WriteBackSettings settings,
      Clock clock,
      MeterRegistry meters) {
    this.worker = new WriteBackWorker(outbox, runs, export, settings, clock, meters);
    this.settings = settings;
    this.polling =
        new PollingThread("write-back", settings.pollInterval(), () -> worker.writeBackDue() > 0);
  }

  /** This node's worker: what the tests drive when the background worker is off. */
  WriteBackWorker worker() {
    return worker;
  }

  @Override
  public void start() {
    if (!settings.enabled().isEmpty() && settings.backgroundWorker()) {
      polling.start();
    }
  }

  @Override
  public void stop() {
    polling.stop();
  }

  @Override
  public boolean isRunning() {
    return polling.isRunning();
  }
}
