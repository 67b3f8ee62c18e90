package io.pilotlaunch.authentication;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.camunda.bpm.engine.impl.digest.PasswordEncryptor;

/**
 * Passwords hashed slowly: PBKDF2 with HMAC-SHA256, a random salt of its own and the iteration
 * count kept with each hash, so the count can rise without making old hashes unreadable. Camunda
 * stores it as {@code {PBKDF2-SHA256}iterations$salt$hash}; hashes of its default (salted SHA-512)
 * are still read and are replaced at the user's next login ({@link ThrottledIdentityProvider}).
 */
public final class Pbkdf2PasswordEncryptor implements PasswordEncryptor {

  static final String ALGORITHM = "PBKDF2-SHA256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final int iterations;

  public Pbkdf2PasswordEncryptor(int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("pilot.passwords.hash-iterations must be positive");
    }
    this.iterations = iterations;
  }

  @Override
  public String hashAlgorithmName() {
    return ALGORITHM;
  }

  @Override
  public String encrypt(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    Base64.Encoder base64 = Base64.getEncoder();
    return iterations
        + "$"
        + base64.encodeToString(salt)
        + "$"
        + base64.encodeToString(hash(password, salt, iterations));
  }

  @Override
  public boolean check(String password, String encrypted) {
    String[] parts = encrypted == null ? new String[0] : encrypted.split("\\$");
    if (parts.length != 3) {
      return false;
    }
    try {
      int storedIterations = Integer.parseInt(parts[0]);
      Base64.Decoder base64 = Base64.getDecoder();
      byte[] expected = base64.decode(parts[2]);
      return MessageDigest.isEqual(
          expected, hash(password, base64.decode(parts[1]), storedIterations));
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }

  private static byte[] hash(String password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JVM", e);
    } finally {
      spec.clearPassword();
    }
  }
}
