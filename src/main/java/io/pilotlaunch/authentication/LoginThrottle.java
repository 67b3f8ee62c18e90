package io.pilotlaunch.authentication;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Slows whoever guesses passwords, never the owner. Each failed login spends a token of two
 * buckets: one per client address and user (a guesser of one account) and one per client address (a
 * guesser of many). An empty bucket refuses further tries from there, right or wrong, until its
 * period is over and it is full again; a successful login spends nothing. So a client gets at most
 * so many wrong guesses per period; nothing is locked for good, and a client elsewhere is never
 * affected.
 */
@Component
public class LoginThrottle {

  private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

  private final Cache<String, Bucket> buckets;
  private final int perClientAndUser;
  private final int perClient;
  private final Duration period;

  LoginThrottle(
      @Value("${pilot.login.failures-per-client-and-user:5}") int perClientAndUser,
      @Value("${pilot.login.failures-per-client:50}") int perClient,
      @Value("${pilot.login.refill-period:PT1M}") Duration period) {
    this.perClientAndUser = perClientAndUser;
    this.perClient = perClient;
    this.period = period;
    // bounded: a flood of made-up user names cannot fill the memory
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(period.multipliedBy(2))
            .build();
  }

  boolean refuses(String client, String userId) {
    boolean refused =
        bucket(client + "|" + userId, perClientAndUser).getAvailableTokens() <= 0
            || bucket(client, perClient).getAvailableTokens() <= 0;
    if (refused) {
      log.warn(
          "Login of '{}' from {} refused: too many wrong passwords from there; tries refill within {}",
          userId,
          client,
          period);
    }
    return refused;
  }

  void failed(String client, String userId) {
    bucket(client + "|" + userId, perClientAndUser).tryConsume(1);
    bucket(client, perClient).tryConsume(1);
  }

  private Bucket bucket(String key, int failures) {
    return buckets.get(
        key,
        k ->
            Bucket.builder()
                .addLimit(
                    Bandwidth.builder()
                        .capacity(failures)
                        .refillIntervally(failures, period)
                        .build())
                .build());
  }
}
