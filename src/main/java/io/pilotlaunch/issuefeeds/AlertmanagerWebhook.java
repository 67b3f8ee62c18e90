package io.pilotlaunch.issuefeeds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlaunch.operations.IssueReporting;
import io.pilotlaunch.operations.ReportIssueRequest;
import io.pilotlaunch.operations.Severities;
import io.pilotlaunch.web.ApiException;
import io.pilotlaunch.web.WebhookSecrets;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Prometheus Alertmanager's webhook (payload version 4). Each alert that carries a pilot's tenant
 * label is a pilot issue: firing opens it, resolved resolves it. An alert is identified by its
 * fingerprint and the time it started firing: Alertmanager resends a group's alerts on every change
 * of the group and every repeat interval, and those open nothing twice; the same alert firing again
 * after it resolved is a new issue. Alerts that cannot be taken are answered with the reason, one
 * by one; the delivery itself is refused only when it is not authentic (401) or not an Alertmanager
 * notification (400).
 */
@RestController
class AlertmanagerWebhook {

  static final String AUTHORIZATION = HttpHeaders.AUTHORIZATION;

  /** Alertmanager's "no end yet" of a firing alert. */
  private static final String NO_END = "0001-01-01T00:00:00Z";

  private final ObjectMapper json;
  private final ExternalIssues issues;
  private final Severities severities;
  private final AlertmanagerSettings settings;

  AlertmanagerWebhook(
      ObjectMapper json,
      ExternalIssues issues,
      Severities severities,
      AlertmanagerSettings settings) {
    this.json = json;
    this.issues = issues;
    this.severities = severities;
    this.settings = settings;
    List<String> named = new ArrayList<>(settings.severities().values());
    named.add(settings.defaultSeverity());
    ExternalIssues.requireConfigured(severities, "pilot.webhooks.alertmanager", named);
  }

  @PostMapping("/api/webhooks/alertmanager")
  Map<String, Object> alerts(
      @RequestBody(required = false) byte[] body,
      @RequestHeader(name = AUTHORIZATION, required = false) String authorization) {
    String token =
        authorization != null && authorization.startsWith("Bearer ")
            ? authorization.substring("Bearer ".length())
            : null;
    WebhookSecrets.verifyToken(
        settings.token(), token, AUTHORIZATION + ": Bearer", "PILOT_ALERTMANAGER_WEBHOOK_TOKEN");
    JsonNode notification = parse(body);
    List<Map<String, Object>> outcomes = new ArrayList<>();
    for (JsonNode alert : notification.get("alerts")) {
      String fingerprint = alert.path("fingerprint").asText("");
      outcomes.add(take(alert, fingerprint).asMap("fingerprint", fingerprint));
    }
    return Map.of("alerts", outcomes);
  }

  private ExternalIssues.Outcome take(JsonNode alert, String fingerprint) {
    String tenantId = alert.path("labels").path(settings.tenantLabel()).asText("");
    if (tenantId.isEmpty()) {
      return ExternalIssues.Outcome.skipped(
          null, "the alert has no label '" + settings.tenantLabel() + "' naming a pilot's tenant");
    }
    if (!fingerprint.matches("[0-9a-f]{1,32}")) {
      return ExternalIssues.Outcome.skipped(tenantId, "the alert has no fingerprint");
    }
    Instant startsAt;
    try {
      startsAt = OffsetDateTime.parse(alert.path("startsAt").asText("")).toInstant();
    } catch (DateTimeParseException e) {
      return ExternalIssues.Outcome.skipped(tenantId, "the alert's startsAt is no RFC 3339 time");
    }
    String externalId = "alert:" + fingerprint + ":" + startsAt.getEpochSecond();
    String status = alert.path("status").asText("");
    return switch (status) {
      case "firing" -> issues.open(tenantId, issueOf(alert, externalId, startsAt));
      case "resolved" ->
          issues.resolve(
              tenantId, externalId, IssueReporting.FIXED, "Resolved in Alertmanager", endOf(alert));
      default ->
          ExternalIssues.Outcome.skipped(tenantId, "alert status '" + status + "' is unknown");
    };
  }

  private ReportIssueRequest issueOf(JsonNode alert, String externalId, Instant startsAt) {
    JsonNode labels = alert.path("labels");
    String alertName = labels.path("alertname").asText("alert");
    String summary = alert.path("annotations").path("summary").asText(alertName);
    String component = labels.path(settings.componentLabel()).asText("");
    return new ReportIssueRequest(
        externalId,
        severityOf(labels.path(settings.severityLabel()).asText("")),
        component.equals(IssueReporting.FRONTEND)
            ? IssueReporting.FRONTEND
            : IssueReporting.BACKEND,
        alertName,
        summary.length() > 500 ? summary.substring(0, 499) + "…" : summary,
        startsAt.toString());
  }

  private String severityOf(String label) {
    if (severities.isKnown(label)) {
      return label;
    }
    return settings.severities().getOrDefault(label, settings.defaultSeverity());
  }

  /** When the alert resolved: its endsAt, or now if Alertmanager gives none. */
  private static Instant endOf(JsonNode alert) {
    String endsAt = alert.path("endsAt").asText(NO_END);
    try {
      Instant end = OffsetDateTime.parse(endsAt).toInstant();
      return endsAt.equals(NO_END) ? Instant.now() : end;
    } catch (DateTimeParseException e) {
      return Instant.now();
    }
  }

  private JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw badRequest("The body is empty: send Alertmanager's notification");
    }
    JsonNode notification;
    try {
      notification = json.readTree(body);
    } catch (IOException e) {
      throw badRequest(
          "The body is not the JSON of an Alertmanager notification: " + e.getMessage());
    }
    if (notification == null
        || !notification.isObject()
        || !notification.path("alerts").isArray()) {
      throw badRequest("The body is no Alertmanager notification: it has no list 'alerts'");
    }
    if (!notification.path("version").asText("").equals("4")) {
      throw badRequest(
          "Alertmanager's webhook payload version 4 is understood, not '"
              + notification.path("version").asText("")
              + "'");
    }
    return notification;
  }

  private static ApiException badRequest(String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, message);
  }
}
