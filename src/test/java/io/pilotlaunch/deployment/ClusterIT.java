package io.pilotlaunch.deployment;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_CONFIRM_ONBOARDING_PR_MERGED;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_DOCUMENT_ROLLBACK_PATHS;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_FINALIZE_ONBOARDING_CHECKLIST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pilotlaunch.support.EmbeddedPostgresDatabase;
import io.pilotlaunch.support.ForkedApp;
import io.pilotlaunch.support.HeadlessChromium;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PilotSteps;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.support.RestPilotDriver;
import io.pilotlaunch.support.TenantHealthServer;
import io.pilotlaunch.teams.Team;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

/**
 * Several nodes behind one address, as docker-compose.yml runs them: three nodes start at once on
 * an empty PostgreSQL while the machine is busy; two of them serve behind HAProxy (Debian's binary,
 * with {@code deploy/haproxy.cfg} as it is) with TLS, and a browser keeps its Tasklist login when
 * its node dies; the third takes over the jobs of a node that dies, each run once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  private static final String ADMIN = PostgresIntegrationTest.ADMIN_USER;
  private static final String ADMIN_PASSWORD = PostgresIntegrationTest.ADMIN_PASSWORD;
  private static final Path HAPROXY_CONFIG = Path.of("deploy", "haproxy.cfg");

  private String databaseUrl;
  private final List<ForkedApp> nodes = new ArrayList<>();
  private Process haproxy;
  private Path haproxyLog;

  /** Three nodes at once on an empty database, the machine kept busy meanwhile. */
  @BeforeAll
  void startThreeNodesTogetherUnderLoad() throws Exception {
    databaseUrl = EmbeddedPostgresDatabase.freshDatabase("cluster");
    AtomicBoolean busy = new AtomicBoolean(true);
    // one core kept busy: the suite's other lane keeps the second busy enough
    Thread burner =
        new Thread(
            () -> {
              while (busy.get()) {
                Thread.onSpinWait();
              }
            },
            "cpu-burner");
    burner.setDaemon(true);
    burner.start();
    ExecutorService starts = Executors.newFixedThreadPool(3);
    try {
      List<Future<ForkedApp>> started =
          IntStream.range(0, 3).mapToObj(i -> starts.submit(() -> startNode(databaseUrl))).toList();
      for (Future<ForkedApp> node : started) {
        nodes.add(node.get());
      }
    } finally {
      busy.set(false);
      burner.join();
      starts.shutdownNow();
    }
  }

  @AfterAll
  void stop() {
    if (haproxy != null) {
      ForkedApp.stop(haproxy);
    }
    nodes.forEach(ForkedApp::close);
  }

  @Test
  @Order(1)
  void threeNodesStartedAtOnceOnAnEmptyDatabaseUnderLoadAllComeUp() {
    assertThat(nodes).hasSize(3);
    for (ForkedApp node : nodes) {
      assertThat(node.http().get("/actuator/health").getBody()).contains("\"UP\"");
      assertThat(node.output()).contains("Startup lock taken");
    }
    // each waited in rounds of 1 s (startNode) while another built its engine, and went on asking
    assertThat(nodes)
        .as("a node that waited a whole round for the startup lock")
        .anySatisfy(node -> assertThat(node.output()).contains("Waiting").contains("startup lock"));
  }

  @Test
  @Order(2)
  void aBrowserLoggedInThroughTheProxyKeepsWorkingWhenItsNodeIsKilled() throws Exception {
    ForkedApp nodeA = nodes.get(0);
    ForkedApp nodeB = nodes.get(1);
    int proxyPort = freePort();
    haproxy = startHaproxy(proxyPort, nodeA.port(), nodeB.port());
    String proxy = "https://localhost:" + proxyPort;

    HttpCalls admin = admin(nodeB);
    String sre = "cluster-sre";
    String password = "Tasklist-Pw-7f3a-2026"; // names neither the user nor its name
    expect(
        admin.postJson(
            "/engine-rest/user/create",
            "{\"profile\": {\"id\": \""
                + sre
                + "\", \"firstName\": \"Cluster\", \"lastName\": \"SRE\","
                + " \"email\": \"cluster-sre@example.test\"},"
                + " \"credentials\": {\"password\": \""
                + password
                + "\"}}"),
        204);
    expect(
        admin.putJson("/engine-rest/group/" + Team.DEVOPS_SRE.groupId() + "/members/" + sre, ""),
        204);
    RestPilotDriver pilots = new RestPilotDriver(admin);
    String pilot = pilots.start("cluster-browser");
    pilots.awaitTask(pilot, TASK_FINALIZE_ONBOARDING_CHECKLIST);

    try (HeadlessChromium browser = new HeadlessChromium()) {
      browser.logIn(proxy + "/camunda/app/tasklist/default/", sre, password);
      completeInTasklist(browser, "Tenant onboarding checklist is finalized");
      await("the first item completed through the proxy")
          .atMost(Duration.ofSeconds(60))
          .until(() -> pilots.openTask(pilot, TASK_FINALIZE_ONBOARDING_CHECKLIST) == null);
      Cookie session = browser.driver().manage().getCookieNamed("JSESSIONID");
      assertThat(session.isSecure()).as("the session cookie over TLS only").isTrue();
      assertThat(session.getSameSite()).isEqualTo("Lax");
      assertThat(ForkedApp.read(haproxyLog))
          .as("the browser's calls went to both nodes, with one session")
          .containsPattern("nodes/node-1 .*/camunda/api/")
          .containsPattern("nodes/node-2 .*/camunda/api/");

      nodeA.kill();
      browser.driver().navigate().refresh();
      completeInTasklist(browser, "Rollback and incident handling paths are documented");
      await("the second item completed through the proxy, by node B alone")
          .atMost(Duration.ofSeconds(60))
          .until(() -> pilots.openTask(pilot, TASK_DOCUMENT_ROLLBACK_PATHS) == null);
      assertThat(browser.driver().manage().getCookieNamed("JSESSIONID").getValue())
          .as("the same session, no second login")
          .isEqualTo(session.getValue());
      assertThat(
              admin
                  .get(
                      "/engine-rest/history/task?processInstanceId="
                          + pilot
                          + "&taskAssignee="
                          + sre
                          + "&finished=true")
                  .getBody())
          .contains(TASK_FINALIZE_ONBOARDING_CHECKLIST)
          .contains(TASK_DOCUMENT_ROLLBACK_PATHS);
    }
    try (Connection database = DriverManager.getConnection(databaseUrl)) {
      assertThat(rows(database, "select count(*) from pilot.spring_session"))
          .as("the sessions live in the database")
          .isNotEqualTo(List.of("0"));
    }
  }

  /** The jobs of a node that dies run on another node, each once (what test 5 of old checked). */
  @Test
  @Order(3)
  void aDeadNodesJobsRunOnAnotherNodeExactlyOnce() throws Exception {
    ForkedApp victim = nodes.get(1);
    ForkedApp survivor = nodes.get(2);
    RestPilotDriver viaSurvivor = new RestPilotDriver(admin(survivor));
    RestPilotDriver viaVictim = new RestPilotDriver(admin(victim));
    List<String> tenants = IntStream.range(0, 50).mapToObj(i -> "cluster-jobs-" + i).toList();
    List<String> instances = byFourClients(tenants, viaSurvivor::start);
    // the pre-checklists are completed on the victim, whose job executor then takes the jobs
    ExecutorService workers = Executors.newFixedThreadPool(4);
    List<Future<?>> work =
        instances.stream()
            .<Future<?>>map(instance -> workers.submit(() -> viaVictim.passPreChecklist(instance)))
            .toList();
    // a job is locked only while it runs, some milliseconds: look often, on an open connection
    try (Connection database = DriverManager.getConnection(databaseUrl)) {
      await("jobs locked by a node")
          .atMost(Duration.ofMinutes(2))
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(2))
          .until(() -> lockedJobs(database) > 0);
    }
    victim.kill();
    Instant killed = Instant.now();
    workers.shutdownNow();
    // what the victim's clients did not finish, the survivor's do
    byFourClients(
        instances,
        instance -> {
          for (String task : PilotSteps.PRE_CHECKLIST) {
            if (viaSurvivor.openTask(instance, task) != null) {
              viaSurvivor.complete(instance, task, PilotSteps.done());
            }
          }
          return instance;
        });
    work.forEach(future -> future.cancel(true));

    await("every pilot's onboarding jobs done")
        .atMost(Duration.ofSeconds(90).minus(Duration.between(killed, Instant.now())))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                instances.stream()
                    .allMatch(
                        instance ->
                            viaSurvivor.openTask(instance, TASK_CONFIRM_ONBOARDING_PR_MERGED)
                                != null));
    try (Connection database = DriverManager.getConnection(databaseUrl)) {
      assertThat(
              rows(
                  database,
                  "select tenant_id || ' ' || action || ' x' || count(*) from pilot.onboarding_audit"
                      + " where tenant_id like 'cluster-jobs-%' group by tenant_id, action"
                      + " having count(*) > 1"))
          .as("onboarding effects recorded more than once")
          .isEmpty();
      assertThat(
              rows(
                  database,
                  "select tenant_id from pilot.tenant_route where tenant_id like 'cluster-jobs-%'"))
          .as("routes")
          .hasSize(50)
          .doesNotHaveDuplicates();
    }
  }

  // ------------------------------------------------------------------ the parts

  /**
   * Claims the devops-sre item of that name in Tasklist, ticks it done with evidence, completes.
   */
  private static void completeInTasklist(HeadlessChromium browser, String item) {
    browser.click(By.xpath("//*[contains(text(), '" + Team.DEVOPS_SRE.filterName() + "')]"));
    browser.click(By.xpath("//*[contains(@class, 'task')]//*[contains(text(), '" + item + "')]"));
    browser.click(By.xpath("//button[contains(., 'Claim')] | //a[contains(., 'Claim')]"));
    browser.click(By.xpath("//label[contains(., 'Done')]/..//input[@type='checkbox']"));
    browser.type(
        By.xpath("//label[contains(., 'Evidence link')]/following::input[1]"),
        "https://wiki.example.test/cluster");
    browser.click(By.xpath("//button[normalize-space()='Complete']"));
  }

  /**
   * Debian's HAProxy with the deployment's own configuration; only what differs here comes from the
   * environment: its port, a self-signed certificate made now, and the two nodes.
   */
  private Process startHaproxy(int port, int nodeA, int nodeB) throws Exception {
    Path tls = Files.createTempDirectory("cluster-tls");
    Path pem = tls.resolve("pilot-launch.pem");
    run(
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=localhost",
        "-keyout",
        tls.resolve("key.pem").toString(),
        "-out",
        tls.resolve("cert.pem").toString());
    Files.writeString(
        pem, Files.readString(tls.resolve("cert.pem")) + Files.readString(tls.resolve("key.pem")));
    haproxyLog = Files.createTempFile("haproxy-", ".log");
    Path log = haproxyLog;
    ProcessBuilder builder =
        new ProcessBuilder("/usr/sbin/haproxy", "-db", "-f", HAPROXY_CONFIG.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("PILOT_PROXY_BIND", "127.0.0.1:" + port);
    builder.environment().put("PILOT_TLS_PEM", pem.toString());
    builder.environment().put("PILOT_NODE_1", "127.0.0.1:" + nodeA);
    builder.environment().put("PILOT_NODE_2", "127.0.0.1:" + nodeB);
    Process process = builder.start();
    await("HAProxy listening")
        .atMost(Duration.ofSeconds(20))
        .failFast("HAProxy exited:\n" + ForkedApp.read(log), () -> !process.isAlive())
        .until(() -> listening(port));
    return process;
  }

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as(String.join(" ", command) + ":\n" + output).isZero();
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ForkedApp startNode(String jdbcUrl) {
    return ForkedApp.startOnPostgres(
        jdbcUrl,
        // short rounds: a node that waits for another's engine build says so, and asks again
        "--pilot.startup-lock.round=PT1S",
        // the proxy runs on this machine: its forwarded headers are believed, no one else's
        "--server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1",
        "--pilot.webhooks.git-secret=" + PostgresIntegrationTest.WEBHOOK_SECRET,
        "--pilot.environments[0].name=" + PostgresIntegrationTest.TEST_ENVIRONMENT,
        "--pilot.environments[0].regions=" + PostgresIntegrationTest.TEST_REGION,
        "--pilot.environments[0].base-url-pattern=" + TenantHealthServer.baseUrlPattern());
  }

  private static HttpCalls admin(ForkedApp app) {
    return app.http().as(ADMIN, ADMIN_PASSWORD);
  }

  private static void expect(org.springframework.http.ResponseEntity<String> answer, int status) {
    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(status);
  }

  private static int lockedJobs(Connection database) throws SQLException {
    return Integer.parseInt(
        rows(database, "select count(*) from act_ru_job where lock_owner_ is not null").get(0));
  }

  /** Four clients at once, as four people at work would be; the results in the items' order. */
  private static <T, R> List<R> byFourClients(List<T> items, Function<T, R> work) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      List<Future<R>> answers =
          items.stream().map(item -> clients.submit(() -> work.apply(item))).toList();
      List<R> results = new ArrayList<>();
      for (Future<R> answer : answers) {
        results.add(answer.get());
      }
      return results;
    } finally {
      clients.shutdownNow();
    }
  }

  private static List<String> rows(Connection database, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet result = database.createStatement().executeQuery(sql)) {
      while (result.next()) {
        rows.add(result.getString(1));
      }
    }
    return rows;
  }
}
