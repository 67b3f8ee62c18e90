package io.pilotlaunch.pilot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlaunch.api.ApiException;
import io.pilotlaunch.api.CallerRules;
import io.pilotlaunch.api.Validation;
import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Messages;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The git host's pull-request-merged webhook. Authenticated by an HMAC-SHA256 signature of the
 * body with a shared secret ({@code X-Hub-Signature-256: sha256=<hex>}), not by HTTP Basic: git
 * hosts sign their deliveries. The merge goes to every pilot waiting for that branch.
 */
@RestController
class GitWebhookController {

  static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

  /** The minimal event: which branch was merged into which, where. */
  record PullRequestMerged(String repository, String sourceBranch, String targetBranch, Boolean merged, String url) {}

  private final ObjectMapper json;
  private final RuntimeService runtimeService;
  private final CallerRules caller;
  private final byte[] secret;

  GitWebhookController(ObjectMapper json, RuntimeService runtimeService, CallerRules caller,
      @Value("${pilot.webhooks.git-secret:}") String secret) {
    this.json = json;
    this.runtimeService = runtimeService;
    this.caller = caller;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  @PostMapping("/api/webhooks/git")
  @Transactional
  ResponseEntity<Map<String, Object>> pullRequestMerged(@RequestBody(required = false) byte[] body,
      @RequestHeader(name = SIGNATURE_HEADER, required = false) String signature) {
    verify(body == null ? new byte[0] : body, signature);
    PullRequestMerged event = parse(body);
    if (!Boolean.TRUE.equals(event.merged())) {
      return ignored("the pull request was not merged");
    }
    String source = event.sourceBranch();
    boolean pilotBranch = source.equals(MvpPilotLaunchProcess.PHASE1_BRANCH)
        || source.startsWith(MvpPilotLaunchProcess.PHASE2_FIX_BRANCH_PREFIX);
    if (!pilotBranch) {
      return ignored("branch '" + source + "' is no pilot branch (" + MvpPilotLaunchProcess.PHASE1_BRANCH + " or "
          + MvpPilotLaunchProcess.PHASE2_FIX_BRANCH_PREFIX + "<topic>)");
    }
    if (!event.targetBranch().equals(MvpPilotLaunchProcess.INTEGRATION_BRANCH)) {
      return ignored("pilot branches merge into " + MvpPilotLaunchProcess.INTEGRATION_BRANCH + ", not '"
          + event.targetBranch() + "'");
    }
    List<MessageCorrelationResult> results = caller.asSystem(() ->
        runtimeService.createMessageCorrelation(Messages.PULL_REQUEST_MERGED)
            .localVariableEquals("branch", source)
            .localVariableEquals("prTarget", event.targetBranch())
            .setVariablesLocal(Map.of(Variables.MERGED_BRANCH, source, Variables.PULL_REQUEST_URL, event.url()))
            .correlateAllWithResult());
    if (results.isEmpty()) {
      throw ApiException.conflict("No pilot is waiting for a merge of '" + source + "' into '" + event.targetBranch() + "'");
    }
    return ResponseEntity.ok(Map.of("correlated", results.size(), "processInstanceIds",
        results.stream().map(result -> result.getExecution().getProcessInstanceId()).distinct().toList()));
  }

  private void verify(byte[] body, String signature) {
    if (secret.length == 0) {
      throw new ApiException(HttpStatus.UNAUTHORIZED, "Webhook signatures cannot be checked: PILOT_GIT_WEBHOOK_SECRET is not set");
    }
    if (signature == null || !signature.startsWith("sha256=")) {
      throw new ApiException(HttpStatus.UNAUTHORIZED, "Missing " + SIGNATURE_HEADER + ": sha256=<hex HMAC of the body>");
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

  private PullRequestMerged parse(byte[] body) {
    PullRequestMerged event;
    try {
      event = json.readValue(body, PullRequestMerged.class);
    } catch (JsonProcessingException e) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "The body is not the JSON of a pull-request-merged event: "
          + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "The body cannot be read");
    }
    new Validation()
        .text("repository", event.repository(), 200)
        .text("sourceBranch", event.sourceBranch(), 200)
        .text("targetBranch", event.targetBranch(), 200)
        .check(event.merged() != null, "merged", "is required")
        .text("url", event.url(), 2000)
        .orFail();
    return event;
  }

  private static ResponseEntity<Map<String, Object>> ignored(String reason) {
    return ResponseEntity.accepted().body(Map.of("ignored", true, "reason", reason));
  }
}
