package io.pilotlaunch.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Bodies an integrator sends to /api, and the git host's webhook signature. */
public final class PilotApi {

  private PilotApi() {}

  public static String startBody(String tenantId) {
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return """
        {"tenantId": "%s", "tenantName": "Tenant %s", "environment": "%s", "region": "%s",
         "pilotStart": "%s", "pilotEnd": "%s"}""".formatted(tenantId, tenantId, PostgresIntegrationTest.TEST_ENVIRONMENT,
        PostgresIntegrationTest.TEST_REGION, start, start.plus(30, ChronoUnit.DAYS));
  }

  public static String issueBody(String externalId, String severity, String component, String topic) {
    return """
        {"externalId": "%s", "severity": "%s", "component": "%s", "topic": "%s",
         "summary": "Checkout fails for %s", "reportedAt": "%s"}""".formatted(externalId, severity, component, topic,
        externalId, Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  public static String mergeBody(String sourceBranch, String targetBranch) {
    return """
        {"repository": "acme/pilot-app", "sourceBranch": "%s", "targetBranch": "%s", "merged": true,
         "url": "https://git.example.test/acme/pilot-app/pull/7"}""".formatted(sourceBranch, targetBranch);
  }

  public static String signature(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(PostgresIntegrationTest.WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
