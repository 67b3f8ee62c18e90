package io.pilotlaunch.resilience;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Work run again while it loses races, bounded, with random growing pauses between attempts. */
public final class Retries {

  private Retries() {}

  /**
   * Runs {@code work} until it succeeds, fails otherwise than on a race, or has lost {@code
   * attempts} races; then the last failure is thrown. The pause after attempt n is random, up to n
   * × {@code pauseStepMillis}, so that the requests that collided do not collide again.
   */
  public static <T> T whileRacing(
      int attempts, long pauseStepMillis, Predicate<RuntimeException> isRace, Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (RuntimeException failure) {
        if (!isRace.test(failure) || attempt == attempts) {
          throw failure;
        }
        long least = pauseStepMillis / 4;
        try {
          Thread.sleep(
              ThreadLocalRandom.current().nextLong(least, pauseStepMillis * attempt + least));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw failure;
        }
      }
    }
  }
}
