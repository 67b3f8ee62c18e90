package io.pilotlaunch.web;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpStatus;

/**
 * How a webhook proves its sender: an HMAC-SHA256 of the body with a shared secret (GitHub, Gitea,
 * Jira) or the shared secret itself in a header (GitLab, Alertmanager). Both compared in constant
 * time; a sender whose secret is not configured is refused, never let in.
 */
public final class WebhookSecrets {

  private WebhookSecrets() {}

  /**
   * @param hexSignature the hex HMAC-SHA256 of the body as the header gives it, its prefix (e.g.
   *     "sha256=") removed; null when the header is missing
   * @param header the header's name, for the refusal
   * @param setting the environment variable of the secret, for the refusal
   */
  public static void verifyHmac(
      String secret, byte[] body, String hexSignature, String header, String setting) {
    requireConfigured(secret, setting);
    if (hexSignature == null || hexSignature.isBlank()) {
      throw unauthorized("Missing " + header + ": the hex HMAC-SHA256 of the body");
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(hexSignature.trim());
    } catch (IllegalArgumentException notHex) {
      throw unauthorized("The signature in " + header + " is not hex");
    }
    if (!MessageDigest.isEqual(hmacSha256(secret, body), given)) {
      throw unauthorized("The signature in " + header + " does not match the body");
    }
  }

  /** The header carries the shared secret itself. */
  public static void verifyToken(String secret, String given, String header, String setting) {
    requireConfigured(secret, setting);
    if (given == null || given.isEmpty()) {
      throw unauthorized("Missing " + header);
    }
    // digests of equal length: the comparison takes as long whatever the given token's length
    if (!MessageDigest.isEqual(sha256(secret), sha256(given))) {
      throw unauthorized("The token in " + header + " is not the configured one");
    }
  }

  public static byte[] hmacSha256(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static void requireConfigured(String secret, String setting) {
    if (secret == null || secret.isEmpty()) {
      throw unauthorized("This webhook cannot be checked: " + setting + " is not set");
    }
  }

  private static ApiException unauthorized(String message) {
    return new ApiException(HttpStatus.UNAUTHORIZED, message);
  }
}
