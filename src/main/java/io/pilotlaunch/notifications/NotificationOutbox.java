package io.pilotlaunch.notifications;

import io.pilotlaunch.resilience.OutboxClaims;
import io.pilotlaunch.sql.InList;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * pilot.notification_outbox (V9): messages written with the event that caused them, delivered after
 * it committed (ADR 0020).
 */
@Repository
@ConditionalOnProperty(name = "pilot.notifications.enabled", havingValue = "true")
public class NotificationOutbox {

  /** A message to write: one recipient on one channel. */
  public record Message(
      NotificationEvent event,
      Channel channel,
      String recipient,
      String addressee,
      String tenantId,
      String subject,
      String body,
      String dedupKey) {}

  /** A written message, as the delivery worker and the page read it. */
  public record Entry(
      long id,
      NotificationEvent event,
      Channel channel,
      String recipient,
      String addressee,
      String tenantId,
      String subject,
      String body,
      String status,
      int attempts,
      Instant createdAt,
      Instant nextAttemptAt,
      String lastError,
      Instant sentAt) {}

  static final String PENDING = "PENDING";
  static final String SENT = "SENT";
  static final String FAILED = "FAILED";

  private static final String COLUMNS =
      "event, channel, recipient, addressee, tenant_id, subject, body, dedup_key, status, attempts,"
          + " created_at, next_attempt_at";
  private static final String READ_COLUMNS =
      "id, event, channel, recipient, addressee, tenant_id, subject, body, status, attempts,"
          + " created_at, next_attempt_at, last_error, sent_at";

  /** Short statements, and IN lists that every database takes. */
  private static final int REMOVED_PER_STATEMENT = 500;

  /** How ClockWatch's keys of SLA notices begin. */
  static final String SLA_KEY = "sla:";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final java.time.Clock clock;

  NotificationOutbox(JdbcTemplate jdbc, TransactionTemplate transactions, java.time.Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
  }

  /**
   * Writes the messages in the current transaction: they exist exactly when it commits. All
   * messages of one transaction go in one statement, just before it commits, so an engine command
   * that notifies costs one statement more, however many messages it causes.
   */
  public void add(List<Message> messages) {
    if (messages.isEmpty()) {
      return;
    }
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      insert(messages);
      return;
    }
    // the current transaction's own flush: a transaction started inside this one (the engine's
    // REQUIRES_NEW commands) has synchronizations of its own and so a flush of its own
    Flush flush =
        TransactionSynchronizationManager.getSynchronizations().stream()
            .filter(Flush.class::isInstance)
            .map(Flush.class::cast)
            .filter(found -> found.outbox() == this)
            .findFirst()
            .orElseGet(
                () -> {
                  Flush added = new Flush(this);
                  TransactionSynchronizationManager.registerSynchronization(added);
                  return added;
                });
    flush.messages().addAll(messages);
  }

  /**
   * The messages of one transaction, inserted just before it commits. A class, not a record: the
   * synchronizations are kept in a set, and this one's contents change after it is added.
   */
  private static final class Flush implements TransactionSynchronization {
    private final NotificationOutbox outbox;
    private final List<Message> messages = new ArrayList<>();

    Flush(NotificationOutbox outbox) {
      this.outbox = outbox;
    }

    NotificationOutbox outbox() {
      return outbox;
    }

    List<Message> messages() {
      return messages;
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      outbox.insert(messages);
    }
  }

  /**
   * Writes a message found by a scan once, whichever node found it first: true if this call wrote
   * it. Runs in a transaction of its own.
   */
  public boolean addOnce(Message message) {
    try {
      return transactions.execute(
          status ->
              jdbc.update(
                      "insert into pilot.notification_outbox ("
                          + COLUMNS
                          + ") select ?, ?, ?, ?, cast(? as varchar(64)), ?, ?, ?, ?, 0, ?, ? where not exists"
                          + " (select 1 from pilot.notification_outbox where dedup_key = ?)",
                      values(message, message.dedupKey()))
                  == 1);
    } catch (DuplicateKeyException raceLost) {
      return false;
    }
  }

  private Object[] values(Message message, Object... more) {
    Timestamp now = Timestamp.from(clock.instant());
    List<Object> values =
        new ArrayList<>(
            List.of(
                message.event().name(),
                message.channel().name(),
                message.recipient(),
                message.addressee()));
    values.add(message.tenantId());
    values.addAll(List.of(message.subject(), OutboxClaims.fitting(message.body(), 4000)));
    values.add(message.dedupKey());
    values.addAll(List.of(PENDING, now, now));
    values.addAll(Arrays.asList(more));
    return values.toArray();
  }

  private void insert(List<Message> messages) {
    if (messages.isEmpty()) {
      return;
    }
    String row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)";
    List<Object> values = new ArrayList<>();
    messages.forEach(message -> values.addAll(Arrays.asList(values(message))));
    jdbc.update(
        "insert into pilot.notification_outbox ("
            + COLUMNS
            + ") values "
            + String.join(", ", Collections.nCopies(messages.size(), row)),
        values.toArray());
  }

  /** Takes up to {@code limit} due messages for this claimer for a lease ({@link OutboxClaims}). */
  List<Entry> claim(String claimer, Duration lease, int limit) {
    return transactions.execute(
        status -> {
          int claimed =
              OutboxClaims.claim(
                  jdbc, "pilot.notification_outbox", claimer, clock.instant(), lease, limit);
          if (claimed == 0) {
            return List.of();
          }
          return jdbc.query(
              "select "
                  + READ_COLUMNS
                  + " from pilot.notification_outbox where claimed_by = ? and status = 'PENDING'"
                  + " order by id",
              NotificationOutbox::entry,
              claimer);
        });
  }

  void sent(List<Long> ids, String claimer) {
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.batchUpdate(
        "update pilot.notification_outbox set status = 'SENT', sent_at = ?, claimed_until = null,"
            + " attempts = attempts + 1, last_error = null where id = ? and claimed_by = ?",
        ids.stream().map(id -> new Object[] {now, id, claimer}).toList());
  }

  /** Gives the messages back to be taken again at {@code at}, without counting an attempt. */
  void postpone(List<Long> ids, String claimer, Instant at) {
    jdbc.batchUpdate(
        "update pilot.notification_outbox set next_attempt_at = ?, claimed_by = null,"
            + " claimed_until = null where id = ? and claimed_by = ?",
        ids.stream().map(id -> new Object[] {Timestamp.from(at), id, claimer}).toList());
  }

  /** Records a failed attempt: tried again at {@code retryAt}, or FAILED after the last one. */
  void failed(Entry entry, String claimer, String error, boolean last, Instant retryAt) {
    OutboxClaims.failed(
        jdbc, "pilot.notification_outbox", entry.id(), claimer, error, last, retryAt);
  }

  /** The newest messages, all or only those for these addressees (users and teams). */
  public List<Entry> newest(Optional<Set<String>> addressees, Optional<String> status, int limit) {
    StringBuilder sql =
        new StringBuilder("select " + READ_COLUMNS + " from pilot.notification_outbox where 1 = 1");
    List<Object> args = new ArrayList<>();
    if (addressees.isPresent()) {
      if (addressees.get().isEmpty()) {
        return List.of();
      }
      sql.append(" and addressee in (")
          .append(InList.placeholders(addressees.get().size()))
          .append(")");
      args.addAll(addressees.get());
    }
    status.ifPresent(
        wanted -> {
          sql.append(" and status = ?");
          args.add(wanted);
        });
    sql.append(" order by id desc limit ?");
    args.add(limit);
    return jdbc.query(sql.toString(), NotificationOutbox::entry, args.toArray());
  }

  /**
   * Removes the sent and failed messages written before {@code before}, a batch per statement, in
   * the order they were written; pending ones stay. An SLA notice is written once by its key
   * ({@link ClockWatch}): it stays while its issue does, or the next scan would write it again.
   * Returns how many this call removed.
   */
  int removeDoneBefore(Instant before) {
    int removed = 0;
    long after = 0;
    while (true) {
      Map<Long, String> batch = new LinkedHashMap<>();
      jdbc.query(
          "select id, dedup_key from pilot.notification_outbox where status in ('SENT', 'FAILED')"
              + " and created_at < ? and id > ? order by id limit "
              + REMOVED_PER_STATEMENT,
          row -> {
            batch.put(row.getLong("id"), row.getString("dedup_key"));
          },
          Timestamp.from(before),
          after);
      if (batch.isEmpty()) {
        return removed;
      }
      after = batch.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
      Set<Long> openIssues = existingIssues(batch.values());
      List<Long> gone =
          batch.entrySet().stream()
              .filter(
                  row -> {
                    Long issue = slaIssueOf(row.getValue());
                    return issue == null || !openIssues.contains(issue);
                  })
              .map(Map.Entry::getKey)
              .toList();
      if (!gone.isEmpty()) {
        removed +=
            jdbc.update(
                "delete from pilot.notification_outbox where status in ('SENT', 'FAILED') and id in ("
                    + InList.placeholders(gone.size())
                    + ")",
                gone.toArray());
      }
    }
  }

  private Set<Long> existingIssues(Collection<String> dedupKeys) {
    List<Long> issues =
        dedupKeys.stream().map(NotificationOutbox::slaIssueOf).filter(Objects::nonNull).toList();
    if (issues.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        jdbc.queryForList(
            "select id from pilot.pilot_issue where id in ("
                + InList.placeholders(issues.size())
                + ")",
            Long.class,
            issues.toArray()));
  }

  /** The issue of an SLA notice's key ({@code sla:<issue id>:<clock>:...}), or null. */
  static Long slaIssueOf(String dedupKey) {
    if (dedupKey == null || !dedupKey.startsWith(SLA_KEY)) {
      return null;
    }
    int end = dedupKey.indexOf(':', SLA_KEY.length());
    try {
      return Long.valueOf(dedupKey.substring(SLA_KEY.length(), end < 0 ? dedupKey.length() : end));
    } catch (NumberFormatException notOurs) {
      return null;
    }
  }

  long count(String status) {
    Long count =
        jdbc.queryForObject(
            "select count(*) from pilot.notification_outbox where status = ?", Long.class, status);
    return count == null ? 0 : count;
  }

  private static Entry entry(ResultSet rs, int row) throws SQLException {
    return new Entry(
        rs.getLong("id"),
        NotificationEvent.valueOf(rs.getString("event")),
        Channel.valueOf(rs.getString("channel")),
        rs.getString("recipient"),
        rs.getString("addressee"),
        rs.getString("tenant_id"),
        rs.getString("subject"),
        rs.getString("body"),
        rs.getString("status"),
        rs.getInt("attempts"),
        instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("next_attempt_at")),
        rs.getString("last_error"),
        instant(rs.getTimestamp("sent_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
