package io.pilotlaunch.deployment;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_ESCALATE_PILOT_ISSUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlaunch.resilience.DatabaseTrouble;
import io.pilotlaunch.support.AcknowledgedWrites;
import io.pilotlaunch.support.EmbeddedPostgresDatabase;
import io.pilotlaunch.support.ForkedApp;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PilotApi;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.support.RestPilotDriver;
import io.pilotlaunch.support.TcpProxy;
import io.pilotlaunch.support.TenantHealthServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.http.ResponseEntity;

/**
 * Crashes, an outage of the database, a slow database and a partition, each app in a JVM of its own
 * so that it can be killed: what an SRE on call meets (several nodes: {@link ClusterIT}). One node
 * runs on a database of its own behind a proxy that can cut the line, slow it down or blackhole it;
 * it lives through the tests in order (outage, kill, a timer due while it is down, a slow database
 * under load, a partition).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResilienceIT {

  private static final String ADMIN = PostgresIntegrationTest.ADMIN_USER;
  private static final String ADMIN_PASSWORD = PostgresIntegrationTest.ADMIN_PASSWORD;

  private TcpProxy proxy;
  private String databaseUrl;
  private ForkedApp node;

  @BeforeAll
  void startTheNodeBehindTheProxy() {
    databaseUrl = EmbeddedPostgresDatabase.freshDatabase("resilience");
    proxy = new TcpProxy(EmbeddedPostgresDatabase.port());
    node = startNode(EmbeddedPostgresDatabase.jdbcUrl("resilience", proxy.port()));
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
    proxy.close();
  }

  @Test
  @Order(1)
  void duringADatabaseOutageClientsGet503AndTheServiceResumesByItself() throws Exception {
    HttpCalls admin = admin(node);
    List<Answer> answers = new ArrayList<>();
    List<Answer> health = new ArrayList<>();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger counter = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(5);
    try {
      for (int c = 0; c < 4; c++) {
        clients.submit(
            () -> {
              while (running.get()) {
                String tenant = "outage-" + counter.incrementAndGet();
                ResponseEntity<String> started =
                    admin.postJson("/api/pilots", PilotApi.startBody(tenant));
                record(answers, "POST /api/pilots", started);
                if (started.getStatusCode().value() == 201) {
                  acknowledged.add(tenant);
                }
                record(answers, "GET /engine-rest", admin.get("/engine-rest/task/count"));
              }
              return null;
            });
      }
      clients.submit(
          () -> {
            while (running.get()) {
              record(health, "health", node.http().get("/actuator/health"));
              Thread.sleep(100);
            }
            return null;
          });

      Thread.sleep(3_000);
      Instant cut = Instant.now();
      proxy.cut();
      Thread.sleep(20_000);
      Instant restored = Instant.now();
      proxy.restore();
      Thread.sleep(10_000);
      running.set(false);
      clients.shutdown();
      assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

      List<Answer> all = snapshot(answers);
      assertThat(all)
          .as("no answer is a 500, and no right password is refused")
          .noneMatch(a -> a.status() >= 500 && a.status() != 503)
          .noneMatch(a -> a.status() == 401);
      assertThat(all)
          .filteredOn(a -> a.at().isAfter(cut.plusSeconds(2)) && a.at().isBefore(restored))
          .as("answers during the outage")
          .isNotEmpty()
          .allMatch(a -> a.status() == 503, "are 503");
      Answer firstDown =
          snapshot(health).stream()
              .filter(a -> a.at().isAfter(cut) && a.status() == 503)
              .findFirst()
              .orElseThrow(() -> new AssertionError("health never said DOWN"));
      assertThat(Duration.between(cut, firstDown.at()))
          .as("health says DOWN within 2 s")
          .isLessThanOrEqualTo(Duration.ofSeconds(2));
      assertThat(all)
          .filteredOn(a -> a.at().isAfter(restored.plusSeconds(5)))
          .as("answers 5 s after the database came back")
          .isNotEmpty()
          .allMatch(a -> a.status() < 500, "are no errors")
          .anyMatch(a -> a.status() == 201);
      assertThat(node.http().get("/actuator/health").getStatusCode().value()).isEqualTo(200);
      for (String tenant : acknowledged) {
        assertThat(admin.get("/api/pilots/" + tenant).getStatusCode().value())
            .as("acknowledged pilot " + tenant)
            .isEqualTo(200);
      }
    } finally {
      running.set(false);
      clients.shutdownNow();
      proxy.restore();
    }
  }

  /**
   * One kill -9 for two things: writes acknowledged before it are all there after the restart, and
   * a timer that fell due while the node was down fires after it.
   */
  @Test
  @Order(2)
  void aKilledNodeOnPostgresLosesNoAcknowledgedWriteAndItsTimersFireAfterTheRestart()
      throws Exception {
    HttpCalls admin = admin(node);
    RestPilotDriver driver = new RestPilotDriver(admin);
    String instance = driver.start("timer-due");
    driver.passPreChecklist(instance);
    driver.passPhase1(instance);
    // a critical issue seen 59 min 48 s ago: its one-hour response SLA runs out in 12 s, after the
    // kill that ends the 6 s of writes
    Instant reportedAt =
        Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(59).plusSeconds(48));
    Instant due = reportedAt.plus(Duration.ofHours(1));
    ResponseEntity<String> reported =
        admin.postJson(
            "/api/pilots/timer-due/issues",
            PilotApi.issueBody("TIMER-1", "critical", "backend", "timer", reportedAt));
    assertThat(reported.getStatusCode().value()).as(reported.getBody()).isEqualTo(201);
    assertThat(driver.openTask(instance, TASK_ESCALATE_PILOT_ISSUE)).isNull();

    AcknowledgedWrites written =
        AcknowledgedWrites.untilKilled(
            node, admin, "kill-pg", PostgresIntegrationTest.TEST_ENVIRONMENT);
    assertThat(Instant.now()).as("killed before the SLA timer fell due").isBefore(due);
    Thread.sleep(Duration.between(Instant.now(), due).toMillis() + 1_000);
    node = startNode(EmbeddedPostgresDatabase.jdbcUrl("resilience", proxy.port()));

    written.assertAllPresent(admin(node));
    RestPilotDriver restarted = new RestPilotDriver(admin(node));
    await("the escalation the SLA timer opens")
        .atMost(Duration.ofSeconds(60))
        .until(() -> restarted.openTask(instance, TASK_ESCALATE_PILOT_ISSUE) != null);
  }

  @Test
  @Order(6)
  void aBusyNodeOnASlowDatabaseNeverSaysTheDatabaseIsUnreachable() throws Exception {
    HttpCalls admin = admin(node);
    admin.get("/engine-rest/task/count"); // logged in before the burst
    List<Answer> answers = new ArrayList<>();
    List<Answer> health = new ArrayList<>();
    AtomicBoolean burst = new AtomicBoolean(true);
    AtomicLong slowestHealth = new AtomicLong();
    ExecutorService healthPoller = Executors.newSingleThreadExecutor();
    // 24 calls at once on a database 200 ms away (a round trip): more than the node's 16 request
    // threads, each call holding its connection for many round trips, /pilots the longest, and
    // the started pilots' jobs on the job executor's threads meanwhile
    ExecutorService clients = Executors.newFixedThreadPool(24);
    proxy.delay(Duration.ofMillis(100));
    Instant start = Instant.now();
    try {
      healthPoller.submit(
          () -> {
            while (burst.get()) {
              long asked = System.nanoTime();
              record(health, "health", node.http().get("/actuator/health"));
              slowestHealth.accumulateAndGet(System.nanoTime() - asked, Math::max);
              Thread.sleep(200);
            }
            return null;
          });
      List<Future<?>> calls = new ArrayList<>();
      for (int c = 0; c < 24; c++) {
        String tenant = "busy-" + c;
        // a quarter each: starts (writes), the /pilots page, a task list, the pilot list
        String what =
            List.of("POST /api/pilots", "GET /pilots", "GET /engine-rest", "GET /api").get(c % 4);
        Callable<ResponseEntity<String>> call =
            switch (c % 4) {
              case 0 -> () -> admin.postJson("/api/pilots", PilotApi.startBody(tenant));
              case 1 -> () -> admin.get("/pilots", "text/html");
              case 2 -> () -> admin.get("/engine-rest/task?maxResults=50");
              default -> () -> admin.get("/api/pilots?status=active");
            };
        calls.add(
            clients.submit(
                () -> {
                  record(answers, what, call.call());
                  return null;
                }));
      }
      for (Future<?> call : calls) {
        call.get(3, TimeUnit.MINUTES);
      }
    } finally {
      burst.set(false);
      proxy.restore();
      clients.shutdownNow();
      healthPoller.shutdown();
      healthPoller.awaitTermination(10, TimeUnit.SECONDS);
    }
    List<Answer> all = snapshot(answers);
    System.out.printf(
        "Busy node, 200 ms to the database: %d calls in %d s, %d answered 503, %d health"
            + " polls, the slowest %d ms%n",
        all.size(),
        Duration.between(start, Instant.now()).toSeconds(),
        all.stream().filter(a -> a.status() == 503).count(),
        snapshot(health).size(),
        TimeUnit.NANOSECONDS.toMillis(slowestHealth.get()));
    assertThat(all)
        .as("answers under load on a slow database")
        .hasSize(24)
        .noneMatch(a -> a.detail().contains(DatabaseTrouble.UNREACHABLE.detail()))
        .allMatch(
            a -> a.status() < 400 || a.detail().contains(DatabaseTrouble.BUSY.detail()),
            "succeed or say the node is busy");
    assertThat(snapshot(health))
        .as("health polled during the burst")
        .hasSizeGreaterThan(2)
        .allMatch(a -> a.status() == 200, "is UP");
  }

  @Test
  @Order(7)
  void aPartitionedDatabaseIsUnreachableWithin5SecondsAndTheNodeResumesByItself() throws Exception {
    HttpCalls admin = admin(node);
    admin.get("/engine-rest/task/count");
    List<Answer> probes = new ArrayList<>();
    List<Answer> health = new ArrayList<>();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger counter = new AtomicInteger();
    ExecutorService writers = Executors.newFixedThreadPool(3);
    ExecutorService healthPoller = Executors.newSingleThreadExecutor();
    // a new call every 250 ms, each on a thread of its own: calls in flight when the packets stop
    // hang, new ones must not
    ExecutorService prober = Executors.newCachedThreadPool();
    Instant blackholed;
    Instant restored;
    try {
      for (int c = 0; c < 3; c++) {
        writers.submit(
            () -> {
              while (running.get()) {
                String tenant = "partition-" + counter.incrementAndGet();
                if (admin
                        .postJson("/api/pilots", PilotApi.startBody(tenant))
                        .getStatusCode()
                        .value()
                    == 201) {
                  acknowledged.add(tenant);
                }
              }
              return null;
            });
      }
      healthPoller.submit(
          () -> {
            while (running.get()) {
              record(health, "health", node.http().get("/actuator/health"));
              Thread.sleep(100);
            }
            return null;
          });
      Thread.sleep(3_000);
      blackholed = Instant.now();
      proxy.blackhole();
      while (Duration.between(blackholed, Instant.now()).toSeconds() < 10) {
        prober.submit(
            () -> record(probes, "GET /api/pilots", admin.get("/api/pilots/partition-1")));
        Thread.sleep(250);
      }
      restored = Instant.now();
      proxy.restore();
      await("a pilot started after the partition")
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  admin
                          .postJson(
                              "/api/pilots",
                              PilotApi.startBody("after-partition-" + counter.incrementAndGet()))
                          .getStatusCode()
                          .value()
                      == 201);
      running.set(false);
      writers.shutdown();
      assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      running.set(false);
      proxy.restore();
      writers.shutdownNow();
      healthPoller.shutdownNow();
      prober.shutdown();
      prober.awaitTermination(60, TimeUnit.SECONDS);
    }

    Instant unreachableBy = blackholed.plusSeconds(5);
    Answer firstDown =
        snapshot(health).stream()
            .filter(a -> a.at().isAfter(blackholed) && a.status() == 503)
            .findFirst()
            .orElseThrow(() -> new AssertionError("health never said DOWN"));
    Answer firstUnreachable =
        snapshot(probes).stream()
            .filter(a -> a.detail().contains(DatabaseTrouble.UNREACHABLE.detail()))
            .min(Comparator.comparing(Answer::at))
            .orElseThrow(() -> new AssertionError("no call was told the database is unreachable"));
    System.out.printf(
        "Partition: health DOWN after %d ms, first 503 unreachable after %d ms, %d calls probed%n",
        Duration.between(blackholed, firstDown.at()).toMillis(),
        Duration.between(blackholed, firstUnreachable.at()).toMillis(),
        snapshot(probes).size());
    assertThat(firstDown.at()).as("health DOWN within 5 s").isBefore(unreachableBy);
    assertThat(firstUnreachable.at()).as("503 unreachable within 5 s").isBefore(unreachableBy);
    assertThat(snapshot(probes))
        .filteredOn(a -> a.at().isAfter(unreachableBy) && a.at().isBefore(restored))
        .as("calls answered 5 s into the partition")
        .isNotEmpty()
        .allMatch(
            a -> a.status() == 503 && a.detail().contains(DatabaseTrouble.UNREACHABLE.detail()),
            "are 503 unreachable");
    assertThat(snapshot(probes)).noneMatch(a -> a.status() >= 500 && a.status() != 503);
    assertThat(node.http().get("/actuator/health").getStatusCode().value()).isEqualTo(200);
    assertThat(acknowledged).as("pilots acknowledged around the partition").isNotEmpty();
    for (String tenant : acknowledged) {
      assertThat(admin.get("/api/pilots/" + tenant).getStatusCode().value())
          .as("acknowledged pilot " + tenant)
          .isEqualTo(200);
    }
  }

  // ------------------------------------------------------------------ writes and checks

  /** An answer, when it arrived, and its body's detail (problem documents) or "". */
  private record Answer(Instant at, String what, int status, String detail) {}

  private static ForkedApp startNode(String jdbcUrl) {
    return ForkedApp.startOnPostgres(
        jdbcUrl,
        // logins are checked against the database every second: both paths meet the outage
        "--pilot.login.cache-ttl=PT1S",
        "--pilot.webhooks.git-secret=" + PostgresIntegrationTest.WEBHOOK_SECRET,
        "--pilot.environments[0].name=" + PostgresIntegrationTest.TEST_ENVIRONMENT,
        "--pilot.environments[0].regions=" + PostgresIntegrationTest.TEST_REGION,
        "--pilot.environments[0].base-url-pattern=" + TenantHealthServer.baseUrlPattern());
  }

  private static HttpCalls admin(ForkedApp app) {
    return app.http().as(ADMIN, ADMIN_PASSWORD);
  }

  private static void record(List<Answer> answers, String what, ResponseEntity<String> answer) {
    synchronized (answers) {
      answers.add(
          new Answer(
              Instant.now(),
              what,
              answer.getStatusCode().value(),
              answer.getStatusCode().value() >= 400 && answer.getBody() != null
                  ? answer.getBody()
                  : ""));
    }
  }

  private static List<Answer> snapshot(List<Answer> answers) {
    synchronized (answers) {
      return List.copyOf(answers);
    }
  }
}
