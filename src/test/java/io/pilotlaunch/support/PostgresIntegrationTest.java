package io.pilotlaunch.support;

import io.pilotlaunch.engineguards.CommandJournal;
import io.pilotlaunch.teams.Team;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The app as deployed: the postgres profile on a real PostgreSQL, served on a random port. Every
 * subclass shares this one Spring context, so keep its configuration here and nowhere else. They
 * run one after another in one thread (SAME_THREAD); integration tests without this context may run
 * beside them (failsafe's configuration in pom.xml).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "camunda.bpm.admin-user.password=" + PostgresIntegrationTest.ADMIN_PASSWORD,
      // failing jobs become incidents within seconds, not half a minute
      "pilot.job-retry-cycle=R2/PT1S",
      // a job due later (a retry, an SLA timer) runs within a second of its due time, not after
      // up to 10 s of the idle job executor's back-off
      "camunda.bpm.job-execution.max-wait=1000",
      "pilot.webhooks.git-secret=" + PostgresIntegrationTest.WEBHOOK_SECRET,
      // each sender with its own secret, as in production (webhooks.WebhookSamples)
      "pilot.webhooks.github.secret=" + PostgresIntegrationTest.WEBHOOK_SECRET + "-github",
      "pilot.webhooks.gitlab.token=" + PostgresIntegrationTest.WEBHOOK_SECRET + "-gitlab",
      "pilot.webhooks.gitea.secret=" + PostgresIntegrationTest.WEBHOOK_SECRET + "-gitea",
      "pilot.webhooks.alertmanager.token=" + PostgresIntegrationTest.WEBHOOK_SECRET + "-alerts",
      "pilot.webhooks.jira.secret=" + PostgresIntegrationTest.WEBHOOK_SECRET + "-jira",
      // low-severity issues breach their response SLA within seconds
      "pilot.sla.low.first-response=PT2S",
      // a severity added in configuration, above critical: the API, triage, priorities and the
      // exit criterion take it from here alone (SeveritiesIT)
      "pilot.severities=blocker,critical,high,medium,low",
      "pilot.sla.blocker.first-response=PT30M",
      "pilot.sla.blocker.resolution=PT12H",
      // a throttled client may try again within seconds
      "pilot.login.refill-period=PT10S",
      // the same slow hash, fewer rounds: tests create and log in hundreds of users
      "pilot.passwords.hash-iterations=1000",
      // forty requests at once on a loaded 2-core machine (ConcurrencyIT's claims) wait for a
      // connection rather than fail after 1.5 s; failing fast on a lost database is ResilienceIT's
      "spring.datasource.hikari.connection-timeout=10000",
      // the TLS proxy in front of the app: throughTrustedProxy()
      "server.tomcat.remoteip.internal-proxies=127[.]0[.]0[.]2",
      // notifications by mail and chat to NotificationReceivers, delivered within a second, tried
      // again within seconds, given up on only after a long outage; links lead to this app
      "pilot.notifications.enabled=true",
      "pilot.notifications.public-url=http://localhost:${local.server.port}",
      "pilot.notifications.poll-interval=PT0.3S",
      "pilot.notifications.first-retry=PT0.5S",
      "pilot.notifications.max-retry=PT2S",
      "pilot.notifications.max-attempts=1000",
      "pilot.notifications.messages-per-minute=30",
      "pilot.notifications.sla.scan-interval=PT1S",
      // no digest in the middle of a test
      "pilot.notifications.digest.cron=-",
      // M6 written back to TeamDocsRemote when the tests say (WriteBackIT calls the worker), tried
      // again within a fraction of a second, given up after three attempts
      "pilot.write-back.background-worker=false",
      "pilot.write-back.max-attempts=3",
      "pilot.write-back.first-retry=PT0.1S",
      "pilot.write-back.max-retry=PT0.2S",
      "pilot.write-back.timeout=PT5S"
    })
@ActiveProfiles("postgres")
@Execution(ExecutionMode.SAME_THREAD)
@AutoConfigureObservability(
    tracing =
        false) // Boot tests switch metrics export off; /actuator/prometheus is part of what we test
@Import({
  TestUsers.class,
  PilotDriver.class,
  ExpressionProbe.class,
  PostgresIntegrationTest.Sql.class,
  CommandJournal.class
})
public abstract class PostgresIntegrationTest {

  public static final String ADMIN_USER = "admin";
  public static final String ADMIN_PASSWORD = "Integration-test-secret-42";

  /** Where test pilots are routed: tenants whose health {@link TenantHealthServer} answers. */
  public static final String TEST_ENVIRONMENT = "test";

  public static final String TEST_REGION = "local";

  /** An environment and region that the start form offers (forms/start-pilot.form). */
  public static final String FORM_ENVIRONMENT = "production";

  public static final String FORM_REGION = "eu-central-1";
  public static final String WEBHOOK_SECRET = "integration-test-webhook-secret";

  /** The SQL the app sends, recorded on demand. */
  @org.springframework.boot.test.context.TestConfiguration
  static class Sql {
    @org.springframework.context.annotation.Bean
    static SqlRecorder sqlRecorder() {
      return new SqlRecorder();
    }

    @org.springframework.context.annotation.Bean
    static org.springframework.beans.factory.config.BeanPostProcessor recordedDataSource(
        SqlRecorder sqlRecorder) {
      return sqlRecorder.wrapDataSource();
    }
  }

  @LocalServerPort protected int port;

  @Autowired protected TestUsers users;

  @Autowired protected PilotDriver pilots;

  @Autowired private RuntimeService runtimeService;

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", EmbeddedPostgresDatabase::jdbcUrl);
    registry.add("spring.datasource.username", () -> EmbeddedPostgresDatabase.USER);
    registry.add("spring.datasource.password", () -> "");
    NotificationReceivers.register(registry);
    TeamDocsRemote.register(registry);
    registry.add("pilot.environments[0].name", () -> TEST_ENVIRONMENT);
    registry.add("pilot.environments[0].regions", () -> TEST_REGION + ",remote");
    registry.add("pilot.environments[0].base-url-pattern", TenantHealthServer::baseUrlPattern);
    // an environment the Tasklist start form offers, for starts that go through it
    registry.add("pilot.environments[1].name", () -> FORM_ENVIRONMENT);
    registry.add("pilot.environments[1].regions", () -> FORM_REGION);
    registry.add("pilot.environments[1].base-url-pattern", TenantHealthServer::baseUrlPattern);
  }

  protected HttpCalls http() {
    return new HttpCalls("http://localhost:" + port);
  }

  /**
   * Starts a pilot through /api as a member of product management, over these days; returns its
   * process instance id.
   */
  protected String startThroughTheApi(String tenant, String firstDay, String lastDay) {
    String pm = users.memberOf(Team.PRODUCT_MANAGEMENT, "api-starter-pm");
    ResponseEntity<String> started =
        http()
            .as(pm, TestUsers.passwordOf(pm))
            .postJson("/api/pilots", PilotApi.startBodyOver(tenant, firstDay, lastDay));
    if (started.getStatusCode().value() != 201) {
      throw new AssertionError("The pilot " + tenant + " did not start: " + started.getBody());
    }
    return runtimeService
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(tenant)
        .singleResult()
        .getId();
  }

  /** The address of the TLS proxy the app trusts in the tests to say who the client is. */
  public static final String TRUSTED_PROXY = "127.0.0.2";

  private static final Map<Integer, TcpProxy> PROXIES = new ConcurrentHashMap<>();

  /**
   * Calls the way a TLS proxy in front of the app forwards them: from the proxy's address, so the
   * app believes their X-Forwarded-For and X-Forwarded-Proto. Calls from anywhere else cannot.
   */
  protected HttpCalls throughTrustedProxy() {
    return new HttpCalls("http://localhost:" + trustedProxyPort());
  }

  protected int trustedProxyPort() {
    return PROXIES.computeIfAbsent(port, app -> new TcpProxy(app, address(TRUSTED_PROXY))).port();
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
