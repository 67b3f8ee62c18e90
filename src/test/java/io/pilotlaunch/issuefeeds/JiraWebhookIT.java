package io.pilotlaunch.issuefeeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.support.WebhookSamples;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Jira posts its documented issue event, signed with the admin webhook's secret: a ticket labelled
 * with a pilot's tenant becomes that pilot's issue once, and its resolution resolves it.
 */
class JiraWebhookIT extends PostgresIntegrationTest {

  private static final DateTimeFormatter JIRA_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  @Autowired JdbcTemplate jdbc;

  @Test
  void aLabelledTicketBecomesThePilotsIssueOnceAndItsResolutionResolvesIt() {
    String pilot = pilots.start("jira-tenant");
    pilots.passPreChecklist(pilot);
    pilots.passPhase1(pilot);
    String created = now();
    String createdEvent =
        ticket(
            event -> {
              event.put("webhookEvent", "jira:issue_created");
              event.put("issue_event_type_name", "issue_created");
              fields(event).put("created", created);
            });
    String updatedEvent = ticket(event -> fields(event).put("created", created));

    ResponseEntity<String> opened = jira(createdEvent, WebhookSamples.JIRA_SECRET);
    ResponseEntity<String> updated = jira(updatedEvent, WebhookSamples.JIRA_SECRET);

    assertThat(opened.getStatusCode().value()).as(opened.getBody()).isEqualTo(200);
    assertThat(opened.getBody())
        .contains(
            "\"outcome\":\"opened\"", "\"ticket\":\"JRA-20002\"", "\"issue\":\"jira:JRA-20002\"");
    assertThat(updated.getBody()).contains("\"outcome\":\"open already\"");
    assertThat(
            jdbc.queryForMap(
                "select severity, summary from pilot.pilot_issue where tenant_id = ? and external_id = ?",
                "jira-tenant",
                "jira:JRA-20002"))
        .as("Jira's priority Minor is our low")
        .containsEntry("severity", "low")
        .containsEntry("summary", "I feel the need for speed");

    String resolvedEvent =
        ticket(
            event -> {
              ObjectNode fields = fields(event);
              fields.put("created", created);
              fields.putObject("resolution").put("name", "Won't Do");
              fields.put("resolutiondate", now());
            });
    ResponseEntity<String> resolved = jira(resolvedEvent, WebhookSamples.JIRA_SECRET);
    ResponseEntity<String> resolvedResent = jira(resolvedEvent, WebhookSamples.JIRA_SECRET);

    assertThat(resolved.getBody()).as(resolved.getBody()).contains("\"outcome\":\"resolved\"");
    assertThat(resolvedResent.getBody()).contains("\"outcome\":\"resolved already\"");
    assertThat(
            jdbc.queryForObject(
                "select resolution from pilot.pilot_issue where external_id = ?",
                String.class,
                "jira:JRA-20002"))
        .isEqualTo("wont-fix");
  }

  @Test
  void aTicketOfNoPilotOrOfAnUnknownTenantChangesNothing() {
    long before = jdbc.queryForObject("select count(*) from pilot.pilot_issue", Long.class);
    String unlabelled =
        ticket(
            event -> {
              ArrayNode labels = fields(event).putArray("labels");
              labels.add("UI").add("dialogue").add("move");
              fields(event).put("created", now());
            });
    String otherTenant =
        ticket(
            event -> {
              fields(event).putArray("labels").add("pilot-tenant-nobody-here");
              fields(event).put("created", now());
            });

    ResponseEntity<String> noPilot = jira(unlabelled, WebhookSamples.JIRA_SECRET);
    ResponseEntity<String> unknown = jira(otherTenant, WebhookSamples.JIRA_SECRET);

    assertThat(noPilot.getStatusCode().value()).isEqualTo(200);
    assertThat(noPilot.getBody()).contains("\"outcome\":\"skipped\"", "names no pilot");
    assertThat(unknown.getBody()).contains("tenant 'nobody-here' has no active pilot");
    assertThat(jdbc.queryForObject("select count(*) from pilot.pilot_issue", Long.class))
        .isEqualTo(before);
  }

  @Test
  void aForgedOrMalformedEventIsRefusedAndOtherEventsAreIgnored() {
    String event = ticket(e -> fields(e).put("created", now()));

    ResponseEntity<String> forged = jira(event, "guess");
    ResponseEntity<String> unsigned = http().post("/api/webhooks/jira", "application/json", event);
    ResponseEntity<String> malformed = jira("{\"issue\": ", WebhookSamples.JIRA_SECRET);
    ResponseEntity<String> noKey =
        jira(ticket(e -> ((ObjectNode) e.get("issue")).remove("key")), WebhookSamples.JIRA_SECRET);
    ResponseEntity<String> comment =
        jira(ticket(e -> e.put("webhookEvent", "comment_created")), WebhookSamples.JIRA_SECRET);

    assertThat(forged.getStatusCode().value()).isEqualTo(401);
    assertThat(unsigned.getStatusCode().value()).isEqualTo(401);
    assertThat(malformed.getStatusCode().value()).isEqualTo(400);
    assertThat(noKey.getStatusCode().value()).isEqualTo(400);
    assertThat(comment.getStatusCode().value()).isEqualTo(200);
    assertThat(comment.getBody()).contains("\"outcome\":\"ignored\"");
  }

  private static String ticket(Consumer<ObjectNode> change) {
    return WebhookSamples.sample("jira-issue-updated.json", change);
  }

  private static ObjectNode fields(ObjectNode event) {
    return (ObjectNode) event.get("issue").get("fields");
  }

  /** Now, as Jira writes times. */
  private static String now() {
    return OffsetDateTime.now(ZoneOffset.ofHours(-6))
        .truncatedTo(ChronoUnit.MILLIS)
        .format(JIRA_TIME);
  }

  private ResponseEntity<String> jira(String body, String secret) {
    return http()
        .post(
            "/api/webhooks/jira",
            "application/json",
            body,
            "X-Hub-Signature",
            "sha256=" + WebhookSamples.hmac(secret, body));
  }
}
