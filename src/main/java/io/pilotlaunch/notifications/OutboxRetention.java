package io.pilotlaunch.notifications;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sent and failed messages stay in the outbox for pilot.notifications.keep, where /notifications
 * shows them; then they go, at the daily cleanup, so the outbox holds weeks of messages rather than
 * every message ever sent. Every node may run it: removing what is gone changes nothing.
 */
@Component
@ConditionalOnProperty(name = "pilot.notifications.enabled", havingValue = "true")
class OutboxRetention {

  private static final Logger log = LoggerFactory.getLogger(OutboxRetention.class);

  private final NotificationOutbox outbox;
  private final Clock clock;
  private final Duration keep;

  OutboxRetention(
      NotificationOutbox outbox, Clock clock, @Value("${pilot.notifications.keep}") Duration keep) {
    this.outbox = outbox;
    this.clock = clock;
    this.keep = keep;
  }

  @Scheduled(cron = "${pilot.history.run-cleanup-cron}")
  public int removeOldMessages() {
    int removed = outbox.removeDoneBefore(clock.instant().minus(keep));
    if (removed > 0) {
      log.info("Removed {} sent or failed notifications older than {}", removed, keep);
    }
    return removed;
  }
}
