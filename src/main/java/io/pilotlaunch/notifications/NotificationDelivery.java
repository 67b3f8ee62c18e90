package io.pilotlaunch.notifications;

import io.micrometer.core.instrument.MeterRegistry;
import io.pilotlaunch.resilience.PollingThread;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs this node's {@link DeliveryWorker} every poll-interval on a thread of its own, so a slow
 * mail server holds up neither requests nor the engine's jobs. Every node runs one; the outbox's
 * claims keep them from sending a message twice.
 */
@Component
@ConditionalOnProperty(name = "pilot.notifications.enabled", havingValue = "true")
class NotificationDelivery implements SmartLifecycle {

  private final PollingThread polling;

  NotificationDelivery(
      NotificationOutbox outbox,
      Senders senders,
      NotificationSettings settings,
      Links links,
      Clock clock,
      MeterRegistry meters) {
    DeliveryWorker worker = new DeliveryWorker(outbox, senders, settings, links, clock, meters);
    // a full batch: more may wait, take them at once
    this.polling =
        new PollingThread(
            "notification-delivery",
            settings.pollInterval(),
            () -> worker.deliverDue() >= settings.batchSize());
  }

  @Override
  public void start() {
    polling.start();
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
