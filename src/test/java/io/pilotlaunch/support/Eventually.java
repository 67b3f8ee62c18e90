package io.pilotlaunch.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Waits for what the job executor does in its own threads; fails with what it waited for. */
public final class Eventually {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private Eventually() {}

  public static <T> T await(String what, Supplier<T> probe) {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (true) {
      T value = probe.get();
      if (value != null && !Boolean.FALSE.equals(value)) {
        return value;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Waited " + TIMEOUT.toSeconds() + " s for: " + what);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while waiting for: " + what, e);
      }
    }
  }
}
