package io.pilotlaunch.git;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Messages;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import io.pilotlaunch.web.ApiException;
import io.pilotlaunch.web.CallerRules;
import io.pilotlaunch.web.IsoTimestamp;
import io.pilotlaunch.web.Patterns;
import io.pilotlaunch.web.PlainText;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The git host's pull-request-merged webhook. Authenticated by an HMAC-SHA256 signature of the body
 * with a shared secret ({@code X-Hub-Signature-256: sha256=<hex>}), not by HTTP Basic: git hosts
 * sign their deliveries. The merge goes to every pilot waiting for that branch.
 *
 * <p>A signature proves who sent a delivery, not when: each delivery id and each pull request's
 * merge is accepted once, and a merge older than {@code pilot.webhooks.max-age} is refused, so a
 * recorded delivery replayed later closes nothing.
 */
@RestController
class GitWebhookController {

  static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

  /** The delivery id, as GitHub, Gitea and a generic sender name it. */
  static final List<String> DELIVERY_HEADERS =
      List.of("X-GitHub-Delivery", "X-Gitea-Delivery", "X-Request-Id");

  /** How far a sender's clock may run ahead of ours. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

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
  private final RuntimeService runtimeService;
  private final CallerRules caller;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final byte[] secret;
  private final Duration maxAge;

  GitWebhookController(
      ObjectMapper json,
      Validator validator,
      RuntimeService runtimeService,
      CallerRules caller,
      JdbcTemplate jdbc,
      Clock clock,
      @Value("${pilot.webhooks.git-secret:}") String secret,
      @Value("${pilot.webhooks.max-age:PT1H}") Duration maxAge) {
    this.json = json;
    this.validator = validator;
    this.runtimeService = runtimeService;
    this.caller = caller;
    this.jdbc = jdbc;
    this.clock = clock;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.maxAge = maxAge;
  }

  /**
   * The delivery is recorded even when no pilot waits for it (409): that answer is final, and the
   * same delivery sent again later must not find a pilot waiting then.
   */
  @PostMapping("/api/webhooks/git")
  @Transactional(noRollbackFor = ApiException.class)
  ResponseEntity<Map<String, Object>> pullRequestMerged(
      @RequestBody(required = false) byte[] body,
      @RequestHeader(name = SIGNATURE_HEADER, required = false) String signature,
      @RequestHeader HttpHeaders headers) {
    verify(body == null ? new byte[0] : body, signature);
    if (body == null || body.length == 0) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          "The body is empty: send the JSON of a pull-request-merged event");
    }
    PullRequestMerged event = parse(body);
    String deliveryId = deliveryId(headers);
    if (!Boolean.TRUE.equals(event.merged())) {
      return ignored("the pull request was not merged");
    }
    record(deliveryId, event);
    String source = event.sourceBranch();
    boolean pilotBranch =
        source.equals(MvpPilotLaunchProcess.PHASE1_BRANCH)
            || source.startsWith(MvpPilotLaunchProcess.PHASE2_FIX_BRANCH_PREFIX);
    if (!pilotBranch) {
      return ignored(
          "branch '"
              + source
              + "' is no pilot branch ("
              + MvpPilotLaunchProcess.PHASE1_BRANCH
              + " or "
              + MvpPilotLaunchProcess.PHASE2_FIX_BRANCH_PREFIX
              + "<topic>)");
    }
    if (!event.targetBranch().equals(MvpPilotLaunchProcess.INTEGRATION_BRANCH)) {
      return ignored(
          "pilot branches merge into "
              + MvpPilotLaunchProcess.INTEGRATION_BRANCH
              + ", not '"
              + event.targetBranch()
              + "'");
    }
    List<MessageCorrelationResult> results =
        caller.asSystem(
            () ->
                runtimeService
                    .createMessageCorrelation(Messages.PULL_REQUEST_MERGED)
                    .localVariableEquals("branch", source)
                    .localVariableEquals("prTarget", event.targetBranch())
                    .setVariablesLocal(
                        Map.of(
                            Variables.MERGED_BRANCH,
                            source,
                            Variables.PULL_REQUEST_URL,
                            event.url()))
                    .correlateAllWithResult());
    if (results.isEmpty()) {
      throw ApiException.conflict(
          "No pilot is waiting for a merge of '"
              + source
              + "' into '"
              + event.targetBranch()
              + "'");
    }
    return ResponseEntity.ok(
        Map.of(
            "correlated",
            results.size(),
            "processInstanceIds",
            results.stream()
                .map(result -> result.getExecution().getProcessInstanceId())
                .distinct()
                .toList()));
  }

  private void verify(byte[] body, String signature) {
    if (secret.length == 0) {
      throw new ApiException(
          HttpStatus.UNAUTHORIZED,
          "Webhook signatures cannot be checked: PILOT_GIT_WEBHOOK_SECRET is not set");
    }
    if (signature == null || !signature.startsWith("sha256=")) {
      throw new ApiException(
          HttpStatus.UNAUTHORIZED,
          "Missing " + SIGNATURE_HEADER + ": sha256=<hex HMAC of the body>");
    }
    byte[] expected = hmac(body);
    byte[] given;
    try {
      given = HexFormat.of().parseHex(signature.substring("sha256=".length()));
    } catch (IllegalArgumentException notHex) {
      throw new ApiException(HttpStatus.UNAUTHORIZED, "The signature is not hex");
    }
    if (!MessageDigest.isEqual(expected, given)) {
      throw new ApiException(HttpStatus.UNAUTHORIZED, "The signature does not match the body");
    }
  }

  private byte[] hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static String deliveryId(HttpHeaders headers) {
    String id =
        DELIVERY_HEADERS.stream()
            .map(headers::getFirst)
            .filter(value -> value != null && !value.isBlank())
            .findFirst()
            .orElseThrow(
                () ->
                    new ApiException(
                        HttpStatus.BAD_REQUEST,
                        "A delivery id is required: one of " + DELIVERY_HEADERS));
    if (id.length() > 200 || !id.matches(Patterns.EXTERNAL_ID)) {
      throw ApiException.invalid(
          List.of(
              new ApiException.FieldError(
                  "delivery id", "must be letters, digits and . _ : -, at most 200")));
    }
    return id;
  }

  /** Accepts a delivery, and a pull request's merge, once, and only while the merge is recent. */
  private void record(String deliveryId, PullRequestMerged event) {
    Instant mergedAt = OffsetDateTime.parse(event.mergedAt()).toInstant();
    Instant now = clock.instant();
    if (mergedAt.isBefore(now.minus(maxAge))) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          "The delivery is too old: merged at "
              + mergedAt
              + ", more than "
              + maxAge
              + " ago (pilot.webhooks.max-age)");
    }
    if (mergedAt.isAfter(now.plus(CLOCK_SKEW))) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST, "mergedAt " + mergedAt + " lies in the future");
    }
    try {
      jdbc.update(
          "insert into pilot.git_webhook_delivery (delivery_id, received_at, repository, pull_request_number, "
              + "source_branch, target_branch, merged_at, url) values (?, ?, ?, ?, ?, ?, ?, ?)",
          deliveryId,
          Timestamp.from(now),
          event.repository(),
          event.number(),
          event.sourceBranch(),
          event.targetBranch(),
          Timestamp.from(mergedAt),
          event.url());
    } catch (DuplicateKeyException replayed) {
      throw ApiException.conflict(
          "Delivery '"
              + deliveryId
              + "' or the merge of "
              + event.repository()
              + "#"
              + event.number()
              + " was received already; each is accepted once");
    }
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

  private static ResponseEntity<Map<String, Object>> ignored(String reason) {
    return ResponseEntity.accepted().body(Map.of("ignored", true, "reason", reason));
  }
}
