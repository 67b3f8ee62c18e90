package io.pilotlaunch.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Bodies an integrator sends to /api, and the git host's webhook signature. */
public final class PilotApi {

  private static final AtomicInteger PULL_REQUESTS = new AtomicInteger();

  private PilotApi() {}

  /** A pilot whose window opened a day ago: issues reported in the last hours lie within it. */
  public static String startBody(String tenantId) {
    return startBody(
        tenantId, PostgresIntegrationTest.TEST_ENVIRONMENT, PostgresIntegrationTest.TEST_REGION);
  }

  /** The same, routed to that environment and region. */
  public static String startBody(String tenantId, String environment, String region) {
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.DAYS);
    return startBody(
        tenantId,
        environment,
        region,
        start.toString(),
        start.plus(30, ChronoUnit.DAYS).toString());
  }

  /** A pilot in the test environment over these days (or timestamps), as the API takes them. */
  public static String startBodyOver(String tenantId, String firstDay, String lastDay) {
    return startBody(
        tenantId,
        PostgresIntegrationTest.TEST_ENVIRONMENT,
        PostgresIntegrationTest.TEST_REGION,
        firstDay,
        lastDay);
  }

  private static String startBody(
      String tenantId, String environment, String region, String firstDay, String lastDay) {
    return """
        {"tenantId": "%s", "tenantName": "Tenant %s", "environment": "%s", "region": "%s",
         "pilotStart": "%s", "pilotEnd": "%s"}"""
        .formatted(tenantId, tenantId, environment, region, firstDay, lastDay);
  }

  public static String issueBody(
      String externalId, String severity, String component, String topic) {
    return issueBody(
        externalId, severity, component, topic, Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  /** An issue the reporter saw at {@code reportedAt}: its SLA clock runs from then. */
  public static String issueBody(
      String externalId, String severity, String component, String topic, Instant reportedAt) {
    return """
        {"externalId": "%s", "severity": "%s", "component": "%s", "topic": "%s",
         "summary": "Checkout fails for %s", "reportedAt": "%s"}"""
        .formatted(externalId, severity, component, topic, externalId, reportedAt);
  }

  /** A pull request merged just now. */
  public static String mergeBody(String sourceBranch, String targetBranch) {
    return mergeBody(sourceBranch, targetBranch, Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  /** A pull request of its own: each merges once. */
  public static String mergeBody(String sourceBranch, String targetBranch, Instant mergedAt) {
    int number = PULL_REQUESTS.incrementAndGet();
    return """
        {"repository": "acme/pilot-app", "number": %d, "sourceBranch": "%s", "targetBranch": "%s", "merged": true,
         "mergedAt": "%s", "url": "https://git.example.test/acme/pilot-app/pull/%d"}"""
        .formatted(number, sourceBranch, targetBranch, mergedAt, number);
  }

  /** The headers of a git host's delivery: its signature and a delivery id of its own. */
  public static String[] gitHostHeaders(String body) {
    return new String[] {
      "X-Hub-Signature-256", signature(body), "X-GitHub-Delivery", UUID.randomUUID().toString()
    };
  }

  public static String signature(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              PostgresIntegrationTest.WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8),
              "HmacSHA256"));
      return "sha256="
          + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
