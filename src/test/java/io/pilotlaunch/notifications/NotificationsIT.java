package io.pilotlaunch.notifications;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.pilotlaunch.notifications.NotificationOutbox.Message;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.NotificationReceivers;
import io.pilotlaunch.support.NotificationReceivers.ChatPost;
import io.pilotlaunch.support.NotificationReceivers.Mail;
import io.pilotlaunch.support.PilotSteps;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.teams.Team;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Notifications arrive by mail at a real SMTP server and by chat at a real HTTP receiver ({@link
 * NotificationReceivers}): each once, with links that work, through a mail outage, a storm, and two
 * delivery workers on one database.
 */
class NotificationsIT extends PostgresIntegrationTest {

  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired IdentityService identityService;
  @Autowired NotificationOutbox outbox;
  @Autowired Senders senders;
  @Autowired NotificationSettings settings;
  @Autowired Links links;
  @Autowired Clock clock;
  @Autowired MeterRegistry meters;
  @Autowired JdbcTemplate jdbc;
  @Autowired ClockWatch clockWatch;
  @Autowired OutboxRetention retention;

  @Test
  void everyNoticeOfAWholePilotArrivesOnceByMailAndOnceInTheTeamsChatWithLinksThatWork() {
    String tenant = "notified-pilot";
    String pilot = pilots.start(tenant);
    pilots.passPreChecklist(pilot);

    // someone assigns a task to a person: the person hears of it at their profile's address
    User person = identityService.newUser("notified-person");
    person.setEmail("notified-person@people.test");
    person.setPassword("Kettle-bridge-4711");
    identityService.saveUser(person);
    Task confirmPr = pilots.awaitTask(pilot, TASK_CONFIRM_ONBOARDING_PR_MERGED);
    taskService.setAssignee(confirmPr.getId(), "notified-person");
    pilots.passPhase1(pilot);

    // an issue reported when its two-second triage clock has all but run: it lapses
    String qa = users.memberOf(Team.QA_TESTING, "notifying-qa");
    ResponseEntity<String> reported =
        http()
            .as(qa, io.pilotlaunch.support.TestUsers.passwordOf(qa))
            .postJson(
                "/api/pilots/" + tenant + "/issues",
                """
                {"externalId": "LOW-1", "severity": "low", "component": "backend",
                 "topic": "tooltip", "summary": "Tooltip cut off", "reportedAt": "%s"}"""
                    .formatted(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
    assertThat(reported.getStatusCode().value()).as(reported.getBody()).isEqualTo(201);
    pilots.complete(pilot, TASK_ESCALATE_PILOT_ISSUE, PilotSteps.done());
    // the clock lapses while the issue waits for its triage: the watch (every second) tells it;
    // triaged first, it would have nothing to tell
    await("the lapsed triage clock of LOW-1, once")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                mailsTo(
                    NotificationReceivers.teamAddress("product-management"),
                    "The triage SLA of issue LOW-1 (low) Tooltip cut off on pilot "
                        + tenant
                        + " lapsed"),
            count -> count == 1);
    pilots.complete(
        pilot,
        TASK_TRIAGE_PILOT_ISSUE,
        Map.of("severity", "low", "approveFix", "no", "comment", "not in the pilot"));

    // Phase 2 blocked once at its exit gateway, then passed
    pilots.complete(pilot, TASK_MONITOR_PILOT, PilotSteps.done());
    pilots.complete(pilot, TASK_REVIEW_SUPPORT_SLAS, PilotSteps.reject("SLA report missing"));
    PilotSteps.PHASE2_REVIEWS.stream()
        .filter(review -> !review.equals(TASK_REVIEW_SUPPORT_SLAS))
        .forEach(review -> pilots.complete(pilot, review, PilotSteps.approve()));
    pilots.complete(pilot, TASK_RESOLVE_CRITICAL_PILOT_ISSUES, PilotSteps.done());
    PilotSteps.PHASE2_REVIEWS.forEach(
        review -> pilots.complete(pilot, review, PilotSteps.approve()));

    pilots.complete(
        pilot, TASK_PRODUCE_PILOT_SUMMARY, PilotSteps.confirmSummary("It ran well.", ""));
    pilots.complete(pilot, TASK_CONFIRM_MVP_ACCEPTANCE_CRITERIA, PilotSteps.done());
    for (Task adr :
        taskService
            .createTaskQuery()
            .processInstanceId(pilot)
            .taskDefinitionKey(TASK_OPEN_ENHANCEMENT_ADRS)
            .list()) {
      taskService.complete(adr.getId(), PilotSteps.adr(adr.getId()));
    }
    for (List<String> step :
        List.of(PilotSteps.SIGN_OFFS, PilotSteps.PHASE3_REVIEWS, PilotSteps.MILESTONE_REVIEW)) {
      step.forEach(task -> pilots.complete(pilot, task, PilotSteps.straight(task)));
    }
    pilots.awaitEnded(pilot);

    // what each team should hear: every task of its, each once
    Map<String, Integer> expected = new HashMap<>();
    List<HistoricTaskInstance> tasks =
        historyService.createHistoricTaskInstanceQuery().processInstanceId(pilot).list();
    for (HistoricTaskInstance task : tasks) {
      for (HistoricIdentityLinkLog link :
          historyService
              .createHistoricIdentityLinkLogQuery()
              .taskId(task.getId())
              .type(IdentityLinkType.CANDIDATE)
              .list()) {
        if (link.getGroupId() != null && link.getOperationType().equals("add")) {
          expected.merge(link.getGroupId() + " " + task.getId(), 1, Integer::sum);
        }
      }
    }
    assertThat(expected).hasSizeGreaterThan(30);
    await("every notice of the pilot delivered")
        .atMost(Duration.ofSeconds(60))
        .until(() -> delivered(expected), missing -> missing.isEmpty());
    // a while longer: nothing arrives twice
    sleep(Duration.ofSeconds(2));
    assertThat(delivered(expected)).isEmpty();
    for (Map.Entry<String, Integer> each : expected.entrySet()) {
      String[] teamAndTask = each.getKey().split(" ");
      assertThat(
              mailsTo(NotificationReceivers.teamAddress(teamAndTask[0]), taskLink(teamAndTask[1])))
          .as("mails of task %s to %s", teamAndTask[1], teamAndTask[0])
          .isEqualTo(each.getValue());
      assertThat(chatPostsTo(teamAndTask[0], taskLink(teamAndTask[1])))
          .as("chat posts of task %s to %s", teamAndTask[1], teamAndTask[0])
          .isEqualTo(each.getValue());
    }
    assertThat(mailsTo("notified-person@people.test", taskLink(confirmPr.getId())))
        .as("the assignment, to the person")
        .isOne();
    for (String owner : List.of("product-management", "devops-sre")) {
      String address = NotificationReceivers.teamAddress(owner);
      assertThat(
              mailsTo(
                  address,
                  "Pilot "
                      + tenant
                      + " did not pass \"Pilot runs with no unresolved critical issues?\""))
          .as("blocked once, to " + owner)
          .isOne();
      assertThat(mailsTo(address, "Pilot " + tenant + " passed its milestone review"))
          .as("completed, to " + owner)
          .isOne();
      assertThat(chatPostsTo(owner, "Pilot " + tenant + " passed its milestone review")).isOne();
    }

    assertThat(
            mailsTo(
                NotificationReceivers.teamAddress("product-management"),
                "The triage SLA of issue LOW-1 (low) Tooltip cut off on pilot "
                    + tenant
                    + " lapsed"))
        .as("the lapsed triage clock, still once at the pilot's end")
        .isOne();

    // the links work: the pilot's page, and Tasklist with the task it names
    HttpCalls admin = http().as(ADMIN_USER, ADMIN_PASSWORD);
    String pilotLink = "http://localhost:" + port + "/pilots/" + tenant;
    assertThat(mailsTo(NotificationReceivers.teamAddress("devops-sre"), pilotLink)).isPositive();
    ResponseEntity<String> page = admin.get("/pilots/" + tenant, "text/html");
    assertThat(page.getStatusCode().value()).isEqualTo(200);
    assertThat(page.getBody()).contains(tenant);
    String taskLink = taskLink(confirmPr.getId());
    assertThat(taskLink)
        .startsWith("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=");
    assertThat(admin.get("/camunda/app/tasklist/default/", "text/html").getStatusCode().value())
        .isEqualTo(200);
    assertThat(admin.get("/engine-rest/history/task?taskId=" + confirmPr.getId()).getBody())
        .contains("\"id\":\"" + confirmPr.getId() + "\"");
  }

  @Test
  void anIncidentOnAPilotIsToldToItsOperatorsOnce() {
    String pilot = pilots.start("incident-told");
    // on an execution that waits in an activity, as a failed job's does
    String waiting = pilots.awaitTask(pilot, TASK_DEFINE_PILOT_SCOPE).getExecutionId();
    Incident incident =
        runtimeService.createIncident(
            Incident.FAILED_JOB_HANDLER_TYPE, waiting, "probe", "Tenant health probe refused");
    String text = "failed and stopped: Tenant health probe refused";
    await("the incident told to DevOps")
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                mailsTo(NotificationReceivers.teamAddress("devops-sre"), text)
                    + chatPostsTo("devops-sre", text),
            told -> told >= 2);
    sleep(Duration.ofSeconds(1));
    assertThat(mailsTo(NotificationReceivers.teamAddress("devops-sre"), text)).isOne();
    assertThat(chatPostsTo("devops-sre", text)).isOne();
    assertThat(mailsTo(NotificationReceivers.teamAddress("product-management"), text)).isZero();
    // a failed job's incident ends with its pilot (it cannot be resolved by hand)
    runtimeService.deleteProcessInstance(pilot, "incident told");
    assertThat(runtimeService.createIncidentQuery().incidentId(incident.getId()).count()).isZero();
  }

  @Test
  void theDailyDigestListsATeamsOverdueTaskOnceHoweverOftenItIsRun() {
    String pilot = pilots.start("digest-told");
    Task overdue = pilots.awaitTask(pilot, TASK_DEFINE_PILOT_SCOPE);
    // long overdue: first of the team's list, whatever other tests left due
    taskService.setDueDate(overdue.getId(), Date.from(Instant.parse("2001-01-01T00:00:00Z")));
    LocalDate today = LocalDate.now();
    clockWatch.sendDigests(today);
    clockWatch.sendDigests(today); // the second node's run, or a second run of this one
    String line = "(pilot digest-told) " + taskLink(overdue.getId()).strip() + "\n";
    String team = "product-management";
    await("the digest")
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> mailsTo(NotificationReceivers.teamAddress(team), line) + chatPostsTo(team, line),
            told -> told >= 2);
    sleep(Duration.ofSeconds(1));
    assertThat(mailsTo(NotificationReceivers.teamAddress(team), line)).isOne();
    assertThat(chatPostsTo(team, line)).isOne();
    assertThat(mailsTo(NotificationReceivers.teamAddress(team), "overdue since ")).isPositive();
  }

  @Test
  void notificationsWrittenWhileTheMailServerIsDownArriveOnceEachWhenItIsBack() {
    NotificationReceivers.stopMail();
    List<String> markers = new ArrayList<>();
    try {
      for (int i = 0; i < 40; i++) {
        String marker = "outage-item-" + i;
        markers.add(marker);
        outbox.add(
            List.of(
                message("duo", Channel.MAIL, NotificationReceivers.teamAddress("duo"), marker)));
      }
      await("attempts failed while the server is down")
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  jdbc.queryForObject(
                      "select count(*) from pilot.notification_outbox where body like 'outage-item-%'"
                          + " and status = 'PENDING' and attempts >= 2",
                      Integer.class),
              failedTwice -> failedTwice == 40);
      assertThat(
              jdbc.queryForList(
                  "select last_error from pilot.notification_outbox where body = 'outage-item-0'",
                  String.class))
          .singleElement()
          .asString()
          .contains("Connect");
    } finally {
      NotificationReceivers.startMail();
    }
    await("every notification after the outage")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                markers.stream()
                    .allMatch(
                        marker ->
                            mailsTo(NotificationReceivers.teamAddress("duo"), marker + "\n") >= 1));
    sleep(Duration.ofSeconds(2));
    markers.forEach(
        marker ->
            assertThat(mailsTo(NotificationReceivers.teamAddress("duo"), marker + "\n"))
                .as(marker)
                .isOne());
  }

  @Test
  void aStormOf500NoticesToOneChannelArrivesGroupedInAFewMessagesEachNoticeOnce() {
    for (int i = 0; i < 500; i++) {
      outbox.add(List.of(message("storm", Channel.CHAT, "storm", "storm-item-" + i)));
    }
    await("all 500 in the storm channel")
        .atMost(Duration.ofSeconds(60))
        .until(() -> everyItemOnce("storm", "storm-item-", 500));
    sleep(Duration.ofSeconds(1));
    List<ChatPost> posts = posts("storm");
    System.out.println("NOTIFY storm of 500 notices: " + posts.size() + " chat messages");
    assertThat(posts.size()).as("chat messages for 500 notices").isBetween(10, 30);
    assertThat(everyItemOnce("storm", "storm-item-", 500)).isTrue();
  }

  @Test
  void twoWorkersOnOneDatabaseDeliverEachNotificationOnce() throws Exception {
    for (int i = 0; i < 300; i++) {
      outbox.add(List.of(message("duo", Channel.CHAT, "duo", "duo-item-" + i)));
    }
    // two more nodes' workers beside this node's own, all three on the one PostgreSQL
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    List<Future<Integer>> rounds = new ArrayList<>();
    for (int node = 0; node < 2; node++) {
      DeliveryWorker worker = new DeliveryWorker(outbox, senders, settings, links, clock, meters);
      rounds.add(
          nodes.submit(
              () -> {
                int delivered = 0;
                Instant until = Instant.now().plusSeconds(10);
                while (Instant.now().isBefore(until) && pending("duo-item-%") > 0) {
                  delivered += worker.deliverDue();
                }
                return delivered;
              }));
    }
    nodes.shutdown();
    int byTheTwo = 0;
    for (Future<Integer> round : rounds) {
      byTheTwo += round.get();
    }
    await("all 300 in the channel")
        .atMost(Duration.ofSeconds(30))
        .until(() -> everyItemOnce("duo", "duo-item-", 300));
    assertThat(byTheTwo).as("the extra workers took part").isPositive();
  }

  @Test
  void aNotificationThatKeepsFailingIsGivenUpVisiblyWithItsReason() {
    outbox.add(List.of(message("broken", Channel.CHAT, "broken", "broken-item")));
    // a worker that gives up after two attempts (this node's own keeps trying far longer)
    DeliveryWorker impatient =
        new DeliveryWorker(outbox, senders, withMaxAttempts(settings, 2), links, clock, meters);
    await("given up")
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              impatient.deliverDue();
              return jdbc.queryForObject(
                  "select status from pilot.notification_outbox where body = 'broken-item'",
                  String.class);
            },
            "FAILED"::equals);
    HttpCalls admin = http().as(ADMIN_USER, ADMIN_PASSWORD);
    ResponseEntity<String> failed = admin.get("/notifications?status=failed", "text/html");
    assertThat(failed.getStatusCode().value()).isEqualTo(200);
    assertThat(failed.getBody()).contains("broken-item", "Last error:", "500");
    assertThat(admin.get("/notifications?status=lost", "text/html").getStatusCode().value())
        .isEqualTo(400);
    assertThat(admin.get("/actuator/prometheus", "text/plain").getBody())
        .containsPattern("pilot_notifications_outbox\\{[^}]*status=\"failed\"[^}]*\\} [1-9]")
        .containsPattern("pilot_notifications_failed_total\\{[^}]*channel=\"chat\"[^}]*\\} [1-9]");
  }

  @Test
  void sentAndFailedMessagesGoAfterTheTimeToKeepThemAndWhatMayStillMatterStays() {
    long run =
        jdbc.queryForObject(
            "insert into pilot.pilot_run (tenant_id, process_instance_id, status, started_at)"
                + " values ('kept-notices', 'kept-notices-run', 'ENDED', now()) returning id",
            Long.class);
    long openIssue =
        jdbc.queryForObject(
            "insert into pilot.pilot_issue (tenant_id, pilot_run_id, external_id, severity,"
                + " component, topic, summary, reported_at, received_at, response_due_at,"
                + " resolution_due_at) values ('kept-notices', ?, 'KEPT-1', 'low', 'backend',"
                + " 'tooltip', 'Tooltip cut off', now(), now(), now(), now()) returning id",
            Long.class,
            run);
    Instant old = clock.instant().minus(Duration.ofDays(31));
    Instant recent = clock.instant().minus(Duration.ofDays(29));
    Map<String, Long> rows = new HashMap<>();
    rows.put("old sent", outboxRow("SENT", old, null));
    rows.put("old failed", outboxRow("FAILED", old, null));
    rows.put("old pending", outboxRow("PENDING", old, null));
    rows.put("recent sent", outboxRow("SENT", recent, null));
    rows.put("old digest", outboxRow("SENT", old, "digest:qa-testing:2026-01-05:mail"));
    rows.put(
        "old clock of an open issue",
        outboxRow("SENT", old, "sla:" + openIssue + ":triage:sla-lapsed:product-management:mail"));
    rows.put(
        "old clock of a removed issue",
        outboxRow(
            "SENT",
            old,
            "sla:" + (9_000_000_000L + openIssue) + ":triage:sla-lapsed:devops-sre:mail"));
    rows.put(
        "old clock of a removed issue whose id begins with the open one's",
        outboxRow("SENT", old, "sla:" + openIssue + "000000000:triage:sla-lapsed:devops-sre:chat"));
    try {
      assertThat(retention.removeOldMessages()).isGreaterThanOrEqualTo(5);

      List<Long> left =
          jdbc.queryForList(
              "select id from pilot.notification_outbox where body = 'kept-notices'", Long.class);
      assertThat(rows.entrySet().stream().filter(row -> left.contains(row.getValue())))
          .extracting(Map.Entry::getKey)
          .containsExactlyInAnyOrder("old pending", "recent sent", "old clock of an open issue");
    } finally {
      jdbc.update("delete from pilot.notification_outbox where body = 'kept-notices'");
      jdbc.update("delete from pilot.pilot_issue where id = ?", openIssue);
      jdbc.update("delete from pilot.pilot_run where id = ?", run);
    }
  }

  /** A message of another day; a pending one is due only tomorrow, so no worker takes it. */
  private long outboxRow(String status, Instant createdAt, String dedupKey) {
    return jdbc.queryForObject(
        "insert into pilot.notification_outbox (event, channel, recipient, addressee, subject,"
            + " body, dedup_key, status, attempts, created_at, next_attempt_at) values ('DIGEST',"
            + " 'CHAT', 'qa-testing', 'qa-testing', 'Kept?', 'kept-notices', ?, ?, 1, ?, ?)"
            + " returning id",
        Long.class,
        dedupKey,
        status,
        Timestamp.from(createdAt),
        Timestamp.from(clock.instant().plus(Duration.ofDays(1))));
  }

  private int pending(String bodyPattern) {
    return jdbc.queryForObject(
        "select count(*) from pilot.notification_outbox where status = 'PENDING' and body like ?",
        Integer.class,
        bodyPattern);
  }

  private static NotificationSettings withMaxAttempts(NotificationSettings s, int maxAttempts) {
    return new NotificationSettings(
        s.enabled(),
        s.mailFrom(),
        s.pollInterval(),
        s.lease(),
        s.batchSize(),
        maxAttempts,
        s.firstRetry(),
        s.maxRetry(),
        s.messagesPerMinute(),
        s.maxItemsPerMessage(),
        s.pilotOwnerTeams(),
        s.incidentTeams(),
        s.triageTeams(),
        s.resolutionTeams(),
        s.sla(),
        s.digest(),
        s.teams(),
        s.optOut());
  }

  private static Message message(String team, Channel channel, String recipient, String marker) {
    return new Message(
        NotificationEvent.TASK_AVAILABLE, channel, recipient, team, null, "A notice", marker, null);
  }

  /** The task and team of each expected notice not yet delivered by both channels. */
  private List<String> delivered(Map<String, Integer> expected) {
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, Integer> each : expected.entrySet()) {
      String[] teamAndTask = each.getKey().split(" ");
      String link = taskLink(teamAndTask[1]);
      if (mailsTo(NotificationReceivers.teamAddress(teamAndTask[0]), link) != each.getValue()
          || chatPostsTo(teamAndTask[0], link) != each.getValue()) {
        missing.add(each.getKey());
      }
    }
    return missing;
  }

  private String taskLink(String taskId) {
    return "http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + taskId + "\n";
  }

  private static int mailsTo(String address, String text) {
    int count = 0;
    for (Mail mail : NotificationReceivers.mails()) {
      if (mail.to().contains(address)) {
        count += occurrences(mail.text() + "\n", text);
      }
    }
    return count;
  }

  private static int chatPostsTo(String team, String text) {
    int count = 0;
    for (ChatPost post : posts(team)) {
      count += occurrences(jsonText(post.json()) + "\n", text);
    }
    return count;
  }

  private static List<ChatPost> posts(String team) {
    return NotificationReceivers.chatPosts().stream()
        .filter(post -> post.team().equals(team))
        .toList();
  }

  private static boolean everyItemOnce(String team, String prefix, int items) {
    String all =
        String.join("\n", posts(team).stream().map(post -> jsonText(post.json())).toList()) + "\n";
    for (int i = 0; i < items; i++) {
      if (occurrences(all, prefix + i + "\n") != 1) {
        return false;
      }
    }
    return true;
  }

  /** The "text" of Slack's JSON, unescaped. */
  private static String jsonText(String json) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("text").asText();
    } catch (Exception e) {
      throw new IllegalStateException(json, e);
    }
  }

  private static int occurrences(String text, String part) {
    Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
