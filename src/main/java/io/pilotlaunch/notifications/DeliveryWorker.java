package io.pilotlaunch.notifications;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pilotlaunch.notifications.NotificationOutbox.Entry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: takes due messages (a lease, so no other node sends them meanwhile), groups
 * what waits for one recipient into one message, sends, and records the result. A failure is tried
 * again with growing waits; after the last attempt the message is FAILED, counted, and logged with
 * its reason. Each recipient gets at most pilot.notifications.messages-per-minute messages a minute
 * from this node: what arrives meanwhile waits and goes out grouped.
 */
public class DeliveryWorker {

  private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

  private final NotificationOutbox outbox;
  private final Senders senders;
  private final NotificationSettings settings;
  private final Links links;
  private final Clock clock;
  private final String node;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final Map<Channel, Counter> sent = new ConcurrentHashMap<>();
  private final Map<Channel, Counter> failed = new ConcurrentHashMap<>();

  DeliveryWorker(
      NotificationOutbox outbox,
      Senders senders,
      NotificationSettings settings,
      Links links,
      Clock clock,
      MeterRegistry meters) {
    this.outbox = outbox;
    this.senders = senders;
    this.settings = settings;
    this.links = links;
    this.clock = clock;
    this.node = ManagementFactory.getRuntimeMXBean().getName();
    for (Channel channel : Channel.values()) {
      String name = channel.name().toLowerCase();
      sent.put(
          channel,
          Counter.builder("pilot.notifications.sent")
              .description("Messages delivered (a grouped message counts once)")
              .tag("channel", name)
              .register(meters));
      failed.put(
          channel,
          Counter.builder("pilot.notifications.failed")
              .description("Notifications given up after their last attempt")
              .tag("channel", name)
              .register(meters));
    }
    for (String status : List.of(NotificationOutbox.PENDING, NotificationOutbox.FAILED)) {
      Gauge.builder("pilot.notifications.outbox", outbox, o -> o.count(status))
          .description("Notifications in the outbox by status")
          .tag("status", status.toLowerCase())
          .strongReference(true)
          .register(meters);
    }
  }

  /** One round: everything due now. Returns how many notifications were delivered. */
  public int deliverDue() {
    String claimer = node + "/" + UUID.randomUUID();
    List<Entry> claimed = outbox.claim(claimer, settings.lease(), settings.batchSize());
    Map<String, List<Entry>> byRecipient = new LinkedHashMap<>();
    claimed.forEach(
        entry ->
            byRecipient
                .computeIfAbsent(
                    entry.channel() + " " + entry.recipient(), key -> new ArrayList<>())
                .add(entry));
    int delivered = 0;
    for (Map.Entry<String, List<Entry>> group : byRecipient.entrySet()) {
      delivered += deliver(group.getKey(), group.getValue(), claimer);
    }
    return delivered;
  }

  private int deliver(String recipientKey, List<Entry> waiting, String claimer) {
    List<Entry> now = waiting.subList(0, Math.min(waiting.size(), settings.maxItemsPerMessage()));
    List<Entry> later = waiting.subList(now.size(), waiting.size());
    Bucket bucket = buckets.computeIfAbsent(recipientKey, key -> newBucket());
    var probe = bucket.tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      // the recipient had its share this minute: all of it waits, to go out as one message
      Instant refill = clock.instant().plusNanos(probe.getNanosToWaitForRefill());
      outbox.postpone(ids(waiting), claimer, refill);
      return 0;
    }
    if (!later.isEmpty()) {
      outbox.postpone(ids(later), claimer, clock.instant());
    }
    Entry first = now.get(0);
    try {
      if (now.size() == 1) {
        senders.send(first.channel(), first.recipient(), first.subject(), first.body());
      } else {
        senders.send(first.channel(), first.recipient(), groupedSubject(now), groupedBody(now));
      }
    } catch (RuntimeException e) {
      String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
      for (Entry entry : now) {
        boolean last = entry.attempts() + 1 >= settings.maxAttempts();
        outbox.failed(
            entry,
            claimer,
            reason,
            last,
            clock.instant().plus(settings.backoff(entry.attempts() + 1)));
        if (last) {
          failed.get(entry.channel()).increment();
          log.warn(
              "Notification {} ({} for {} by {} to {}) failed after {} attempts and is given up: {}",
              entry.id(),
              entry.event().configName(),
              entry.addressee(),
              entry.channel(),
              entry.recipient(),
              entry.attempts() + 1,
              reason);
        }
      }
      log.info("Delivery to {} failed, tried again later: {}", recipientKey, reason);
      return 0;
    }
    outbox.sent(ids(now), claimer);
    sent.get(first.channel()).increment();
    return now.size();
  }

  private static String groupedSubject(List<Entry> entries) {
    return entries.size() + " Pilot Launch notifications: " + entries.get(0).subject() + ", …";
  }

  private String groupedBody(List<Entry> entries) {
    StringBuilder body = new StringBuilder(entries.size() + " notifications arrived together:\n");
    for (Entry entry : entries) {
      body.append("\n• ").append(entry.subject()).append('\n').append(entry.body()).append('\n');
    }
    body.append("\nAll notifications: ").append(links.notifications());
    return body.toString();
  }

  private Bucket newBucket() {
    int perMinute = Math.max(1, settings.messagesPerMinute());
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(perMinute)
                .refillGreedy(perMinute, Duration.ofMinutes(1))
                .build())
        .build();
  }

  private static List<Long> ids(List<Entry> entries) {
    return entries.stream().map(Entry::id).toList();
  }
}
