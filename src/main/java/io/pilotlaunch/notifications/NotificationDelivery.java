package io.pilotlaunch.notifications;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  private static final Logger log = LoggerFactory.getLogger(NotificationDelivery.class);

  private final DeliveryWorker worker;
  private final NotificationSettings settings;
  private ScheduledExecutorService executor;

  NotificationDelivery(
      NotificationOutbox outbox,
      Senders senders,
      NotificationSettings settings,
      Links links,
      Clock clock,
      MeterRegistry meters) {
    this.worker = new DeliveryWorker(outbox, senders, settings, links, clock, meters);
    this.settings = settings;
  }

  @Override
  public synchronized void start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "notification-delivery");
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(
        this::round, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void round() {
    try {
      // a full batch: more may wait, take them at once
      while (worker.deliverDue() >= settings.batchSize()) {
        log.debug("A full batch of notifications delivered; looking for more");
      }
    } catch (RuntimeException e) {
      // the database away, say: the next round tries again, the messages wait in the outbox
      log.warn("Notification delivery round failed: {}", e.toString());
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
