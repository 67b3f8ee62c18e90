package io.pilotlaunch.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.pilotlaunch.support.EmbeddedPostgresDatabase;
import io.pilotlaunch.support.ForkedApp;
import io.pilotlaunch.support.PilotApi;
import io.pilotlaunch.support.PostgresIntegrationTest;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A node killed with {@code kill -9} after its notices committed and before they were delivered
 * (its mail server down) loses none: after the restart each arrives, once. A node of its own on a
 * database of its own; no Spring context in the test JVM.
 */
class NotificationCrashIT {

  private static final String ADMIN_PASSWORD = PostgresIntegrationTest.ADMIN_PASSWORD;

  @Test
  void noticesCommittedBeforeAKillMinus9AreDeliveredOnceAfterTheRestart() throws Exception {
    String url = EmbeddedPostgresDatabase.freshDatabase("notify_kill");
    int smtpPort = freePort(); // nothing listens there until the restart
    String[] node =
        ForkedApp.onPostgres(
            url,
            "--pilot.notifications.enabled=true",
            "--pilot.notifications.public-url=https://pilots.example.test",
            "--pilot.notifications.teams.product-management.email=pm@kill.test",
            "--pilot.notifications.teams.devops-sre.email=sre@kill.test",
            "--pilot.notifications.poll-interval=PT0.3S",
            "--pilot.notifications.first-retry=PT0.5S",
            "--pilot.notifications.max-retry=PT1S",
            "--pilot.notifications.max-attempts=1000",
            "--spring.mail.host=127.0.0.1",
            "--spring.mail.port=" + smtpPort);
    JdbcTemplate db = database(url);
    try (ForkedApp victim = ForkedApp.start(node)) {
      ResponseEntity<String> started =
          victim
              .http()
              .as("admin", ADMIN_PASSWORD)
              .postJson(
                  "/api/pilots",
                  PilotApi.startBody(
                      "killed-before-delivery",
                      PostgresIntegrationTest.FORM_ENVIRONMENT,
                      PostgresIntegrationTest.FORM_REGION));
      assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(201);
      // the five pre-checklist items: three for product management, two for DevOps, each tried
      // and failed at least once
      await("deliveries tried and failed")
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  db.queryForObject(
                      "select count(*) from pilot.notification_outbox where status = 'PENDING'"
                          + " and attempts >= 1",
                      Integer.class),
              failed -> failed == 5);
      victim.kill();
    }
    List<String> bodies =
        db.queryForList("select body from pilot.notification_outbox order by id", String.class);
    assertThat(bodies).hasSize(5);

    GreenMail smtp =
        new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try (ForkedApp restarted = ForkedApp.start(node)) {
      await("every notice after the restart")
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  db.queryForObject(
                      "select count(*) from pilot.notification_outbox where status = 'SENT'",
                      Integer.class),
              sent -> sent == 5);
      Thread.sleep(1000);
      String received = String.join("\n", texts(smtp));
      for (String body : bodies) {
        String taskLink =
            body.lines()
                .filter(line -> line.startsWith("Open the task: "))
                .findFirst()
                .orElseThrow();
        assertThat(received.split(java.util.regex.Pattern.quote(taskLink + "\n"), -1))
            .as("mails with " + taskLink)
            .hasSize(2);
      }
    } finally {
      smtp.stop();
    }
  }

  private static List<String> texts(GreenMail smtp) throws Exception {
    List<String> texts = new ArrayList<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      texts.add(String.valueOf(message.getContent()).replace("\r\n", "\n") + "\n");
    }
    return texts;
  }

  private static JdbcTemplate database(String url) throws SQLException {
    Connection connection = DriverManager.getConnection(url, EmbeddedPostgresDatabase.USER, "");
    return new JdbcTemplate(new SingleConnectionDataSource(connection, true));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
