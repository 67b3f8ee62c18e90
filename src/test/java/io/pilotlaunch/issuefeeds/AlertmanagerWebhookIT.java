package io.pilotlaunch.issuefeeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.support.WebhookSamples;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Alertmanager posts its documented notification (payload version 4) with its bearer token: a
 * firing alert with a pilot's tenant label opens one issue however often it is resent, a resolved
 * one resolves it, and what cannot be taken is skipped with its reason.
 */
class AlertmanagerWebhookIT extends PostgresIntegrationTest {

  private static final String FINGERPRINT = "1a30ba71cca2921f";

  @Autowired JdbcTemplate jdbc;

  @Test
  void aFiringAlertOpensOneIssueAndItsResolutionResolvesIt() {
    String pilot = pilots.start("am-tenant");
    pilots.passPreChecklist(pilot);
    pilots.passPhase1(pilot);
    Instant startsAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    String firing = firing("am-tenant", startsAt);

    ResponseEntity<String> opened = alertmanager(firing, WebhookSamples.ALERTMANAGER_TOKEN);
    ResponseEntity<String> resent = alertmanager(firing, WebhookSamples.ALERTMANAGER_TOKEN);

    assertThat(opened.getStatusCode().value()).as(opened.getBody()).isEqualTo(200);
    assertThat(opened.getBody()).contains("\"outcome\":\"opened\"");
    assertThat(resent.getBody()).contains("\"outcome\":\"open already\"");
    String issue = "alert:" + FINGERPRINT + ":" + startsAt.getEpochSecond();
    assertThat(
            jdbc.queryForMap(
                "select severity, component, topic, summary, reported_at from pilot.pilot_issue"
                    + " where tenant_id = ? and external_id = ?",
                "am-tenant",
                issue))
        .containsEntry("severity", "critical")
        .containsEntry("component", "backend")
        .containsEntry("summary", "BlackBox Probe Failure: https://server.example.org");
    assertThat(issuesOf("am-tenant")).isOne();

    // one group: our alert again, a warning of ours, a tenant with no pilot, an alert with no
    // tenant
    String grouped =
        WebhookSamples.sample(
            "alertmanager-firing.json",
            notification -> {
              ArrayNode alerts = (ArrayNode) notification.get("alerts");
              ObjectNode ours = (ObjectNode) alerts.get(0);
              ours.put("startsAt", startsAt.toString());
              labels(ours).put("pilot_tenant", "am-tenant");
              ObjectNode warning = ours.deepCopy();
              warning.put("fingerprint", "2b41cb82ddb3a32a");
              labels(warning).put("severity", "warning");
              ObjectNode unknownTenant = ours.deepCopy();
              unknownTenant.put("fingerprint", "3c52dc93eec4b43b");
              labels(unknownTenant).put("pilot_tenant", "no-such-tenant");
              ObjectNode noTenant = ours.deepCopy();
              noTenant.put("fingerprint", "4d63ed04ffd5c54c");
              labels(noTenant).remove("pilot_tenant");
              alerts.add(warning);
              alerts.add(unknownTenant);
              alerts.add(noTenant);
            });
    ResponseEntity<String> group = alertmanager(grouped, WebhookSamples.ALERTMANAGER_TOKEN);
    assertThat(group.getStatusCode().value()).as(group.getBody()).isEqualTo(200);
    assertThat(group.getBody())
        .contains("\"outcome\":\"open already\"", "\"outcome\":\"opened\"")
        .contains("tenant 'no-such-tenant' has no active pilot")
        .contains("no label 'pilot_tenant'");
    assertThat(issuesOf("am-tenant")).isEqualTo(2);
    assertThat(
            jdbc.queryForObject(
                "select severity from pilot.pilot_issue where external_id = ?",
                String.class,
                "alert:2b41cb82ddb3a32a:" + startsAt.getEpochSecond()))
        .as("Alertmanager's 'warning' maps onto our 'medium'")
        .isEqualTo("medium");

    Instant endsAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String resolved =
        WebhookSamples.sample(
            "alertmanager-firing.json",
            notification -> {
              notification.put("status", "resolved");
              ObjectNode alert = (ObjectNode) notification.get("alerts").get(0);
              alert.put("status", "resolved");
              alert.put("startsAt", startsAt.toString());
              alert.put("endsAt", endsAt.toString());
              labels(alert).put("pilot_tenant", "am-tenant");
            });
    ResponseEntity<String> resolution = alertmanager(resolved, WebhookSamples.ALERTMANAGER_TOKEN);
    ResponseEntity<String> resolutionResent =
        alertmanager(resolved, WebhookSamples.ALERTMANAGER_TOKEN);

    assertThat(resolution.getBody()).contains("\"outcome\":\"resolved\"");
    assertThat(resolutionResent.getBody()).contains("\"outcome\":\"resolved already\"");
    Map<String, Object> row =
        jdbc.queryForMap(
            "select resolution, resolved_at from pilot.pilot_issue where external_id = ?", issue);
    assertThat(row).containsEntry("resolution", "fixed");
    assertThat(((java.sql.Timestamp) row.get("resolved_at")).toInstant()).isEqualTo(endsAt);
  }

  @Test
  void anAlertForAPilotNotInOperationOpensNothingAndSaysWhy() {
    String pilot = pilots.start("am-early");
    pilots.awaitTask(pilot, io.pilotlaunch.support.PilotSteps.PRE_CHECKLIST.get(0));

    ResponseEntity<String> answer =
        alertmanager(
            firing("am-early", Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30)),
            WebhookSamples.ALERTMANAGER_TOKEN);

    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
    assertThat(answer.getBody()).contains("\"outcome\":\"skipped\"", "only during Phase 2");
    assertThat(issuesOf("am-early")).isZero();
  }

  @Test
  void aWrongTokenOrAMalformedNotificationIsRefusedWhole() {
    String firing = firing("am-refused", Instant.now());
    ResponseEntity<String> wrongToken = alertmanager(firing, "guess");
    ResponseEntity<String> noToken =
        http().post("/api/webhooks/alertmanager", "application/json", firing);
    ResponseEntity<String> malformed =
        alertmanager("{\"alerts\": [", WebhookSamples.ALERTMANAGER_TOKEN);
    ResponseEntity<String> otherVersion =
        alertmanager(
            WebhookSamples.sample("alertmanager-firing.json", n -> n.put("version", "3")),
            WebhookSamples.ALERTMANAGER_TOKEN);

    assertThat(wrongToken.getStatusCode().value()).isEqualTo(401);
    assertThat(noToken.getStatusCode().value()).isEqualTo(401);
    assertThat(malformed.getStatusCode().value()).as(malformed.getBody()).isEqualTo(400);
    assertThat(otherVersion.getStatusCode().value()).isEqualTo(400);
    assertThat(otherVersion.getBody()).contains("version 4");
  }

  /** The documented sample, firing since then, for that tenant. */
  private static String firing(String tenantId, Instant startsAt) {
    return WebhookSamples.sample(
        "alertmanager-firing.json",
        notification -> {
          ObjectNode alert = (ObjectNode) notification.get("alerts").get(0);
          alert.put("startsAt", startsAt.toString());
          labels(alert).put("pilot_tenant", tenantId);
        });
  }

  private static ObjectNode labels(ObjectNode alert) {
    return (ObjectNode) alert.get("labels");
  }

  private long issuesOf(String tenantId) {
    return jdbc.queryForObject(
        "select count(*) from pilot.pilot_issue where tenant_id = ?", Long.class, tenantId);
  }

  private ResponseEntity<String> alertmanager(String body, String token) {
    return http()
        .post(
            "/api/webhooks/alertmanager",
            "application/json",
            body,
            "Authorization",
            "Bearer " + token);
  }
}
