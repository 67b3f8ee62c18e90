package io.pilotlaunch.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The senders' documented sample payloads (src/test/resources/webhooks, each file's source in
 * README.md there), and their signatures made as each sender makes them.
 */
public final class WebhookSamples {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static final String GITHUB_SECRET = PostgresIntegrationTest.WEBHOOK_SECRET + "-github";
  public static final String GITLAB_TOKEN = PostgresIntegrationTest.WEBHOOK_SECRET + "-gitlab";
  public static final String GITEA_SECRET = PostgresIntegrationTest.WEBHOOK_SECRET + "-gitea";
  public static final String ALERTMANAGER_TOKEN =
      PostgresIntegrationTest.WEBHOOK_SECRET + "-alerts";
  public static final String JIRA_SECRET = PostgresIntegrationTest.WEBHOOK_SECRET + "-jira";

  private WebhookSamples() {}

  /** The sample as documented (besides the branch and repository names adapted to us). */
  public static String sample(String file) {
    try (InputStream in = WebhookSamples.class.getResourceAsStream("/webhooks/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample webhooks/" + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The sample with some fields changed, every other field as documented. */
  public static String sample(String file, Consumer<ObjectNode> change) {
    try {
      JsonNode root = JSON.readTree(sample(file));
      change.accept((ObjectNode) root);
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The hex HMAC-SHA256 of the body, as GitHub (after "sha256="), Gitea and Jira send it. */
  public static String hmac(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
