package io.pilotlaunch.git;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlaunch.web.ApiException;
import io.pilotlaunch.web.IsoTimestamp;
import io.pilotlaunch.web.Patterns;
import io.pilotlaunch.web.PlainText;
import io.pilotlaunch.web.WebhookSecrets;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;
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
 * The generic git webhook: our own JSON of a merged pull request, for a relay or a git host we do
 * not speak. Authenticated by an HMAC-SHA256 signature of the body with a shared secret ({@code
 * X-Hub-Signature-256: sha256=<hex>}), not by HTTP Basic: git hosts sign their deliveries. The
 * merge goes to the pilots of its repository and to those that name none ({@link
 * PullRequestMerges}). GitHub, GitLab and Gitea call {@link GitHostWebhooks} in their own formats.
 */
@RestController
class GitWebhookController {

  static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

  /** The delivery id, as GitHub, Gitea and a generic sender name it. */
  static final List<String> DELIVERY_HEADERS =
      List.of("X-GitHub-Delivery", "X-Gitea-Delivery", "X-Request-Id");

  /** The minimal event: which pull request merged which branch into which, when and where. */
  record PullRequestMerged(
      @NotBlank(message = "is required") @PlainText(max = 200) String repository,
      @NotNull(message = "is required")
          @Min(value = 1, message = "must be the pull request's number (1 or more)")
          Integer number,
      @NotBlank(message = "is required") @PlainText(max = 200) String sourceBranch,
      @NotBlank(message = "is required") @PlainText(max = 200) String targetBranch,
      @NotNull(message = "is required") Boolean merged,
      @NotBlank(message = "is required") @IsoTimestamp String mergedAt,
      @NotBlank(message = "is required") @PlainText(max = 2000) String url) {}

  private final ObjectMapper json;
  private final Validator validator;
  private final PullRequestMerges merges;
  private final String secret;

  GitWebhookController(
      ObjectMapper json,
      Validator validator,
      PullRequestMerges merges,
      @Value("${pilot.webhooks.git-secret:}") String secret) {
    this.json = json;
    this.validator = validator;
    this.merges = merges;
    this.secret = secret;
  }

  @PostMapping("/api/webhooks/git")
  @Transactional(noRollbackFor = ApiException.class)
  ResponseEntity<Map<String, Object>> pullRequestMerged(
      @RequestBody(required = false) byte[] body,
      @RequestHeader(name = SIGNATURE_HEADER, required = false) String signature,
      @RequestHeader HttpHeaders headers) {
    byte[] signed = body == null ? new byte[0] : body;
    if (signature != null && !signature.startsWith("sha256=")) {
      throw new ApiException(
          HttpStatus.UNAUTHORIZED, SIGNATURE_HEADER + " must be sha256=<hex HMAC of the body>");
    }
    WebhookSecrets.verifyHmac(
        secret,
        signed,
        signature == null ? null : signature.substring("sha256=".length()),
        SIGNATURE_HEADER,
        "PILOT_GIT_WEBHOOK_SECRET");
    if (signed.length == 0) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          "The body is empty: send the JSON of a pull-request-merged event");
    }
    PullRequestMerged event = parse(signed);
    String deliveryId = deliveryId(headers);
    if (!Boolean.TRUE.equals(event.merged())) {
      return PullRequestMerges.ignored("the pull request was not merged");
    }
    return merges.accept(
        deliveryId,
        new PullRequestMerge(
            event.repository(),
            event.number(),
            event.sourceBranch(),
            event.targetBranch(),
            OffsetDateTime.parse(event.mergedAt()).toInstant(),
            event.url()),
        true);
  }

  static String deliveryId(HttpHeaders headers) {
    String id =
        PullRequestMerges.firstPresent(DELIVERY_HEADERS.stream().map(headers::getFirst).toList())
            .orElseThrow(
                () ->
                    new ApiException(
                        HttpStatus.BAD_REQUEST,
                        "A delivery id is required: one of " + DELIVERY_HEADERS));
    return validDeliveryId(id);
  }

  static String validDeliveryId(String id) {
    if (id.length() > 200 || !id.matches(Patterns.EXTERNAL_ID)) {
      throw ApiException.invalid(
          List.of(
              new ApiException.FieldError(
                  "delivery id", "must be letters, digits and . _ : -, at most 200")));
    }
    return id;
  }

  private PullRequestMerged parse(byte[] body) {
    PullRequestMerged event;
    try {
      event = json.readValue(body, PullRequestMerged.class);
    } catch (JsonProcessingException e) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          "The body is not the JSON of a pull-request-merged event: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "The body cannot be read");
    }
    if (event == null) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST, "The body is not the JSON of a pull-request-merged event: null");
    }
    List<ApiException.FieldError> errors =
        validator.validate(event).stream()
            .map(v -> new ApiException.FieldError(v.getPropertyPath().toString(), v.getMessage()))
            .sorted(java.util.Comparator.comparing(ApiException.FieldError::field))
            .toList();
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    return event;
  }
}
