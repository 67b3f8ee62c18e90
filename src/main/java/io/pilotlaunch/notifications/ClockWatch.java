package io.pilotlaunch.notifications;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.pilotlaunch.notifications.NotificationOutbox.Message;
import io.pilotlaunch.web.HumanTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The notices no single transaction causes, found by looking at the clocks: an issue's triage or
 * resolution SLA about to lapse (at pilot.notifications.sla.warn-at of its clock) and lapsed, and
 * each team's daily digest. Every node looks; each notice is written once (its dedup key).
 */
@Component
@ConditionalOnProperty(name = "pilot.notifications.enabled", havingValue = "true")
class ClockWatch {

  private static final int DIGEST_ITEMS = 25;

  private final JdbcTemplate jdbc;
  private final NotificationOutbox outbox;
  private final Addressees addressees;
  private final NotificationSettings settings;
  private final Links links;
  private final TaskService tasks;
  private final HumanTime humanTime;
  private final Clock clock;

  /** Keys this node wrote or found written: not asked about again every scan. */
  private final Cache<String, Boolean> written = Caffeine.newBuilder().maximumSize(100_000).build();

  ClockWatch(
      JdbcTemplate jdbc,
      NotificationOutbox outbox,
      Addressees addressees,
      NotificationSettings settings,
      Links links,
      TaskService tasks,
      HumanTime humanTime,
      Clock clock) {
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.addressees = addressees;
    this.settings = settings;
    this.links = links;
    this.tasks = tasks;
    this.humanTime = humanTime;
    this.clock = clock;
  }

  private record OpenIssue(
      long id,
      String tenantId,
      String externalId,
      String severity,
      String summary,
      Instant reportedAt,
      Instant responseDueAt,
      Instant resolutionDueAt,
      boolean triaged) {}

  @Scheduled(
      fixedDelayString = "${pilot.notifications.sla.scan-interval}",
      initialDelayString = "${pilot.notifications.sla.scan-interval}")
  void scanSlaClocks() {
    Instant now = clock.instant();
    List<OpenIssue> open =
        jdbc.query(
            "select i.id, i.tenant_id, i.external_id, i.severity, i.summary, i.reported_at,"
                + " i.response_due_at, i.resolution_due_at, i.first_response_at"
                + " from pilot.pilot_issue i join pilot.pilot_run r on r.id = i.pilot_run_id"
                + " where i.resolved_at is null and r.status = 'ACTIVE'",
            (rs, row) ->
                new OpenIssue(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getTimestamp(6).toInstant(),
                    rs.getTimestamp(7).toInstant(),
                    rs.getTimestamp(8).toInstant(),
                    rs.getTimestamp(9) != null));
    for (OpenIssue issue : open) {
      if (!issue.triaged()) {
        check(issue, "triage", issue.responseDueAt(), settings.triageTeams(), now);
      }
      check(issue, "resolution", issue.resolutionDueAt(), settings.resolutionTeams(), now);
    }
  }

  private void check(
      OpenIssue issue, String clockName, Instant due, List<String> teams, Instant now) {
    Duration clockLength = Duration.between(issue.reportedAt(), due);
    Instant warnAt =
        issue.reportedAt().plusMillis((long) (clockLength.toMillis() * settings.sla().warnAt()));
    boolean lapsed = !now.isBefore(due);
    if (!lapsed && now.isBefore(warnAt)) {
      return;
    }
    NotificationEvent event =
        lapsed ? NotificationEvent.SLA_LAPSED : NotificationEvent.SLA_ABOUT_TO_LAPSE;
    String what = issue.externalId() + " (" + issue.severity() + ") " + issue.summary();
    String text =
        lapsed
            ? "The "
                + clockName
                + " SLA of issue "
                + what
                + " on pilot "
                + issue.tenantId()
                + " lapsed "
                + humanTime.when(due)
                + "."
            : "The "
                + clockName
                + " SLA of issue "
                + what
                + " on pilot "
                + issue.tenantId()
                + " lapses "
                + humanTime.when(due)
                + ".";
    Notice notice =
        new Notice(
            event,
            issue.tenantId(),
            (lapsed ? "SLA lapsed: " : "SLA about to lapse: ")
                + clockName
                + " of "
                + issue.externalId()
                + " (pilot "
                + issue.tenantId()
                + ")",
            text,
            List.of(links.pilot(issue.tenantId())));
    for (String team : teams) {
      writeOnce(
          addressees.team(
              team,
              notice,
              NotificationOutbox.SLA_KEY
                  + issue.id()
                  + ":"
                  + clockName
                  + ":"
                  + event.configName()
                  + ":"
                  + team));
    }
  }

  /** Each team's overdue and due-soon tasks, once a day. */
  @Scheduled(cron = "${pilot.notifications.digest.cron}")
  void sendDigests() {
    sendDigests(LocalDate.ofInstant(clock.instant(), humanTime.zone()));
  }

  void sendDigests(LocalDate day) {
    Instant now = clock.instant();
    for (String team : settings.teams().keySet()) {
      List<Task> due =
          tasks
              .createTaskQuery()
              .taskCandidateGroup(team)
              .includeAssignedTasks()
              .dueBefore(Date.from(now.plus(settings.digest().dueSoon())))
              .orderByDueDate()
              .asc()
              .listPage(0, DIGEST_ITEMS);
      if (due.isEmpty()) {
        continue;
      }
      long overdue =
          due.stream().filter(task -> task.getDueDate().toInstant().isBefore(now)).count();
      StringBuilder text =
          new StringBuilder(
              overdue + " overdue and " + (due.size() - overdue) + " due soon for " + team + ":");
      for (Task task : due) {
        Instant dueAt = task.getDueDate().toInstant();
        text.append("\n- ")
            .append(dueAt.isBefore(now) ? "overdue since " : "due ")
            .append(humanTime.when(dueAt))
            .append(": ")
            .append(task.getName())
            .append(" (pilot ")
            .append(task.getTenantId())
            .append(") ")
            .append(links.task(task.getId()).url());
      }
      Notice notice =
          new Notice(
              NotificationEvent.DIGEST,
              null,
              "Daily digest for "
                  + team
                  + ": "
                  + overdue
                  + " overdue, "
                  + (due.size() - overdue)
                  + " due soon",
              text.toString(),
              List.of(links.teamTasks()));
      writeOnce(addressees.team(team, notice, "digest:" + team + ":" + day));
    }
  }

  private void writeOnce(List<Message> messages) {
    for (Message message : messages) {
      if (written.getIfPresent(message.dedupKey()) == null) {
        outbox.addOnce(message);
        written.put(message.dedupKey(), true);
      }
    }
  }
}
