package io.pilotlaunch.git;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlaunch.web.ApiException;
import io.pilotlaunch.web.WebhookSecrets;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * GitHub, GitLab and Gitea/Forgejo call us as they are: each in its own format, with its own proof
 * of origin and delivery id. A merged pull request closes the waits of the pilots of its repository
 * only ({@link PullRequestMerges}); any other event is answered 202 with the reason it changes
 * nothing, so the host's delivery log shows why.
 */
@RestController
class GitHostWebhooks {

  static final String GITHUB_EVENT = "X-GitHub-Event";
  static final String GITHUB_SIGNATURE = "X-Hub-Signature-256";
  static final String GITHUB_DELIVERY = "X-GitHub-Delivery";
  static final String GITLAB_EVENT = "X-Gitlab-Event";
  static final String GITLAB_TOKEN = "X-Gitlab-Token";

  /** GitLab's delivery id: per event since 16.x, and the id a retried delivery keeps. */
  static final List<String> GITLAB_DELIVERY = List.of("Idempotency-Key", "X-Gitlab-Event-UUID");

  /** Forgejo sends its own names besides Gitea's. */
  static final List<String> GITEA_EVENT = List.of("X-Gitea-Event", "X-Forgejo-Event");

  static final List<String> GITEA_SIGNATURE = List.of("X-Gitea-Signature", "X-Forgejo-Signature");
  static final List<String> GITEA_DELIVERY = List.of("X-Gitea-Delivery", "X-Forgejo-Delivery");

  private static final DateTimeFormatter GITLAB_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

  private final ObjectMapper json;
  private final PullRequestMerges merges;
  private final String githubSecret;
  private final String gitlabToken;
  private final String giteaSecret;

  GitHostWebhooks(
      ObjectMapper json,
      PullRequestMerges merges,
      @Value("${pilot.webhooks.github.secret:}") String githubSecret,
      @Value("${pilot.webhooks.gitlab.token:}") String gitlabToken,
      @Value("${pilot.webhooks.gitea.secret:}") String giteaSecret) {
    this.json = json;
    this.merges = merges;
    this.githubSecret = githubSecret;
    this.gitlabToken = gitlabToken;
    this.giteaSecret = giteaSecret;
  }

  @PostMapping("/api/webhooks/github")
  @Transactional(noRollbackFor = ApiException.class)
  ResponseEntity<Map<String, Object>> github(
      @RequestBody(required = false) byte[] body, @RequestHeader HttpHeaders headers) {
    byte[] signed = body == null ? new byte[0] : body;
    String signature = headers.getFirst(GITHUB_SIGNATURE);
    if (signature != null && !signature.startsWith("sha256=")) {
      throw new ApiException(
          HttpStatus.UNAUTHORIZED, GITHUB_SIGNATURE + " must be sha256=<hex HMAC of the body>");
    }
    WebhookSecrets.verifyHmac(
        githubSecret,
        signed,
        signature == null ? null : signature.substring("sha256=".length()),
        GITHUB_SIGNATURE,
        "PILOT_GITHUB_WEBHOOK_SECRET");
    String event = required(headers, List.of(GITHUB_EVENT));
    if (!event.equals("pull_request")) {
      return PullRequestMerges.ignored("a '" + event + "' event is no merged pull request");
    }
    return pullRequestEvent(signed, required(headers, List.of(GITHUB_DELIVERY)));
  }

  @PostMapping("/api/webhooks/gitea")
  @Transactional(noRollbackFor = ApiException.class)
  ResponseEntity<Map<String, Object>> gitea(
      @RequestBody(required = false) byte[] body, @RequestHeader HttpHeaders headers) {
    byte[] signed = body == null ? new byte[0] : body;
    WebhookSecrets.verifyHmac(
        giteaSecret,
        signed,
        PullRequestMerges.firstPresent(GITEA_SIGNATURE.stream().map(headers::getFirst).toList())
            .orElse(null),
        GITEA_SIGNATURE.get(0),
        "PILOT_GITEA_WEBHOOK_SECRET");
    String event = required(headers, GITEA_EVENT);
    if (!event.equals("pull_request")) {
      return PullRequestMerges.ignored("a '" + event + "' event is no merged pull request");
    }
    return pullRequestEvent(signed, required(headers, GITEA_DELIVERY));
  }

  @PostMapping("/api/webhooks/gitlab")
  @Transactional(noRollbackFor = ApiException.class)
  ResponseEntity<Map<String, Object>> gitlab(
      @RequestBody(required = false) byte[] body, @RequestHeader HttpHeaders headers) {
    WebhookSecrets.verifyToken(
        gitlabToken, headers.getFirst(GITLAB_TOKEN), GITLAB_TOKEN, "PILOT_GITLAB_WEBHOOK_TOKEN");
    String event = required(headers, List.of(GITLAB_EVENT));
    if (!event.equals("Merge Request Hook")) {
      return PullRequestMerges.ignored("a '" + event + "' is no merged merge request");
    }
    JsonNode root = parse(body);
    JsonNode request = object(root, "object_attributes");
    String state = text(request, "state");
    String action = request.path("action").asText("");
    if (!state.equals("merged") || !action.equals("merge")) {
      return PullRequestMerges.ignored(
          "merge request state '" + state + "', action '" + action + "' is no merge");
    }
    String repository = name(object(root, "project"), "path_with_namespace");
    int number = number(request, "iid");
    // Older GitLab versions send no delivery id: the merge request's merge is accepted once anyway.
    String deliveryId =
        PullRequestMerges.firstPresent(GITLAB_DELIVERY.stream().map(headers::getFirst).toList())
            .map(GitWebhookController::validDeliveryId)
            .orElse("gitlab:project-" + number(object(root, "project"), "id") + ":" + number);
    // merged_at came in GitLab 18; before, the merge is the merge request's last update
    String mergedAt =
        request.hasNonNull("merged_at") ? text(request, "merged_at") : text(request, "updated_at");
    return merges.accept(
        deliveryId,
        new PullRequestMerge(
            repository,
            number,
            name(request, "source_branch"),
            name(request, "target_branch"),
            gitlabTime(mergedAt),
            text(request, "url")),
        false);
  }

  /** GitHub's and Gitea's pull_request events have the same shape where it matters to us. */
  private ResponseEntity<Map<String, Object>> pullRequestEvent(byte[] body, String deliveryId) {
    JsonNode root = parse(body);
    String action = text(root, "action");
    JsonNode pullRequest = object(root, "pull_request");
    if (!action.equals("closed")) {
      return PullRequestMerges.ignored("pull request action '" + action + "' is no merge");
    }
    if (!pullRequest.path("merged").asBoolean(false)) {
      return PullRequestMerges.ignored("the pull request was closed without merging");
    }
    return merges.accept(
        GitWebhookController.validDeliveryId(deliveryId),
        new PullRequestMerge(
            name(object(root, "repository"), "full_name"),
            number(root, "number"),
            name(object(pullRequest, "head"), "ref"),
            name(object(pullRequest, "base"), "ref"),
            isoTime(text(pullRequest, "merged_at"), "pull_request.merged_at"),
            text(pullRequest, "html_url")),
        false);
  }

  private JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw badRequest("The body is empty: send the event's JSON");
    }
    try {
      JsonNode root = json.readTree(body);
      if (root == null || !root.isObject()) {
        throw badRequest("The body is not the JSON object of an event");
      }
      return root;
    } catch (IOException e) {
      throw badRequest("The body is not the JSON of an event: " + e.getMessage());
    }
  }

  private static String required(HttpHeaders headers, List<String> names) {
    return PullRequestMerges.firstPresent(names.stream().map(headers::getFirst).toList())
        .orElseThrow(() -> badRequest("The header " + names.get(0) + " is required"));
  }

  private static JsonNode object(JsonNode parent, String field) {
    JsonNode node = parent.path(field);
    if (!node.isObject()) {
      throw badRequest("The event has no object '" + field + "'");
    }
    return node;
  }

  /** A name (repository, branch): what the delivery table keeps of it is 200 characters. */
  private static String name(JsonNode parent, String field) {
    return text(parent, field, 200);
  }

  private static String text(JsonNode parent, String field) {
    return text(parent, field, 2000);
  }

  private static String text(JsonNode parent, String field, int max) {
    JsonNode node = parent.path(field);
    if (!node.isTextual() || node.asText().isBlank() || node.asText().length() > max) {
      throw badRequest("The event's '" + field + "' must be a text of 1 to " + max + " characters");
    }
    return node.asText();
  }

  private static int number(JsonNode parent, String field) {
    JsonNode node = parent.path(field);
    if (!node.canConvertToInt() || node.asInt() < 1) {
      throw badRequest("The event's '" + field + "' must be the pull request's number");
    }
    return node.asInt();
  }

  private static Instant isoTime(String value, String field) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw badRequest("The event's '" + field + "' is no ISO-8601 time: " + value);
    }
  }

  /** GitLab writes "2013-12-03T17:23:34Z" in some places, "2013-12-03 17:23:34 UTC" in others. */
  private static Instant gitlabTime(String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException notIso) {
      try {
        return ZonedDateTime.parse(value, GITLAB_TIME).toInstant();
      } catch (DateTimeParseException e) {
        throw badRequest("The merge request's time is not one GitLab writes: " + value);
      }
    }
  }

  private static ApiException badRequest(String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, message);
  }
}
