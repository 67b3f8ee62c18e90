package io.pilotlaunch.issuefeeds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlaunch.operations.IssueReporting;
import io.pilotlaunch.operations.ReportIssueRequest;
import io.pilotlaunch.operations.Severities;
import io.pilotlaunch.web.ApiException;
import io.pilotlaunch.web.WebhookSecrets;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Jira's (and Jira Service Management's) admin webhook for {@code jira:issue_created} and {@code
 * jira:issue_updated}. A ticket whose label {@code pilot-tenant-<tenant>} (or a configured custom
 * field) names a pilot becomes that pilot's issue, once: its key is the issue's external id, so
 * every later update finds it. Its resolution (a resolution set, or a status in the category Done)
 * resolves the issue. Authenticated as Jira signs an admin webhook with a secret: {@code
 * X-Hub-Signature: sha256=<hex HMAC-SHA256 of the body>}.
 */
@RestController
class JiraWebhook {

  static final String SIGNATURE = "X-Hub-Signature";

  private static final Set<String> ISSUE_EVENTS =
      Set.of("jira:issue_created", "jira:issue_updated");

  /** Jira writes times as 2009-12-16T23:46:10.612-0600: an offset without a colon. */
  private static final DateTimeFormatter JIRA_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  private final ObjectMapper json;
  private final ExternalIssues issues;
  private final Severities severities;
  private final JiraSettings settings;
  private final Clock clock;

  JiraWebhook(
      ObjectMapper json,
      ExternalIssues issues,
      Severities severities,
      JiraSettings settings,
      Clock clock) {
    this.json = json;
    this.issues = issues;
    this.severities = severities;
    this.settings = settings;
    this.clock = clock;
    List<String> named = new ArrayList<>(settings.priorities().values());
    named.add(settings.defaultSeverity());
    ExternalIssues.requireConfigured(severities, "pilot.webhooks.jira", named);
  }

  @PostMapping("/api/webhooks/jira")
  Map<String, Object> issueEvent(
      @RequestBody(required = false) byte[] body,
      @RequestHeader(name = SIGNATURE, required = false) String signature) {
    byte[] signed = body == null ? new byte[0] : body;
    if (signature != null && !signature.startsWith("sha256=")) {
      throw new ApiException(
          HttpStatus.UNAUTHORIZED, SIGNATURE + " must be sha256=<hex HMAC of the body>");
    }
    WebhookSecrets.verifyHmac(
        settings.secret(),
        signed,
        signature == null ? null : signature.substring("sha256=".length()),
        SIGNATURE,
        "PILOT_JIRA_WEBHOOK_SECRET");
    JsonNode event = parse(signed);
    String webhookEvent = event.path("webhookEvent").asText("");
    JsonNode issue = event.path("issue");
    String key = issue.path("key").asText("");
    if (!ISSUE_EVENTS.contains(webhookEvent)) {
      return Map.of(
          "ticket",
          key,
          "outcome",
          "ignored",
          "reason",
          "'" + webhookEvent + "' is no issue event");
    }
    if (!key.matches("[A-Z][A-Z0-9_]*-[0-9]+") || !issue.path("fields").isObject()) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST, "The event has no issue with a key (PROJ-123) and fields");
    }
    return take(key, issue.path("fields")).asMap("ticket", key);
  }

  private ExternalIssues.Outcome take(String key, JsonNode fields) {
    String tenantId = tenantOf(fields);
    if (tenantId == null) {
      return ExternalIssues.Outcome.skipped(
          null,
          "the ticket names no pilot: no label "
              + settings.tenantLabelPrefix()
              + "<tenant id>"
              + (settings.tenantField().isEmpty() ? "" : " and no " + settings.tenantField()));
    }
    String externalId = "jira:" + key;
    if (isResolved(fields)) {
      return issues.resolve(
          tenantId,
          externalId,
          resolutionOf(fields.path("resolution").path("name").asText("")),
          "Resolved in Jira: " + fields.path("resolution").path("name").asText("Done"),
          timeOr(fields.path("resolutiondate").asText(""), clock.instant()));
    }
    String summary = fields.path("summary").asText(key);
    return issues.open(
        tenantId,
        new ReportIssueRequest(
            externalId,
            severityOf(fields.path("priority")),
            fields.path("labels").toString().contains("\"frontend\"")
                ? IssueReporting.FRONTEND
                : IssueReporting.BACKEND,
            shortened(summary, 100),
            shortened(summary, 500),
            timeOr(fields.path("created").asText(""), clock.instant()).toString()));
  }

  private String tenantOf(JsonNode fields) {
    for (JsonNode label : fields.path("labels")) {
      String text = label.asText("");
      if (text.startsWith(settings.tenantLabelPrefix())
          && text.length() > settings.tenantLabelPrefix().length()) {
        return text.substring(settings.tenantLabelPrefix().length());
      }
    }
    if (!settings.tenantField().isEmpty()) {
      JsonNode field = fields.path(settings.tenantField());
      // a text field, or a select list's option
      String value = field.isObject() ? field.path("value").asText("") : field.asText("");
      if (!value.isBlank()) {
        return value.trim();
      }
    }
    return null;
  }

  private static boolean isResolved(JsonNode fields) {
    return fields.hasNonNull("resolution")
        || fields.path("status").path("statusCategory").path("key").asText("").equals("done");
  }

  /** Jira's standard resolutions in our words; any other resolution counts as fixed. */
  private static String resolutionOf(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "won't do", "won't fix" -> IssueReporting.WONT_FIX;
      case "duplicate" -> IssueReporting.DUPLICATE;
      case "cannot reproduce" -> IssueReporting.CANNOT_REPRODUCE;
      default -> IssueReporting.FIXED;
    };
  }

  private String severityOf(JsonNode priority) {
    // Jira Cloud sends the priority as an object; older examples as its bare name
    String name = priority.isObject() ? priority.path("name").asText("") : priority.asText("");
    String lowerCase = name.toLowerCase(Locale.ROOT);
    if (severities.isKnown(lowerCase)) {
      return lowerCase;
    }
    return settings.priorities().getOrDefault(name, settings.defaultSeverity());
  }

  private static Instant timeOr(String jiraTime, Instant otherwise) {
    if (jiraTime.isEmpty()) {
      return otherwise;
    }
    try {
      return OffsetDateTime.parse(jiraTime, JIRA_TIME).toInstant();
    } catch (DateTimeParseException notJiras) {
      try {
        return OffsetDateTime.parse(jiraTime).toInstant();
      } catch (DateTimeParseException e) {
        throw new ApiException(HttpStatus.BAD_REQUEST, "'" + jiraTime + "' is no time Jira writes");
      }
    }
  }

  private static String shortened(String text, int max) {
    return text.length() > max ? text.substring(0, max - 1) + "…" : text;
  }

  private JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "The body is empty: send Jira's event");
    }
    try {
      JsonNode event = json.readTree(body);
      if (event == null || !event.isObject()) {
        throw new ApiException(HttpStatus.BAD_REQUEST, "The body is no JSON object");
      }
      return event;
    } catch (IOException e) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST, "The body is not the JSON of a Jira event: " + e.getMessage());
    }
  }
}
