package io.pilotlaunch.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** A number of clients calling as fast as they get answers, for a while. */
final class Load {

  /**
   * What they achieved: calls answered 2xx per second, latencies, and answers that were not 2xx.
   */
  record Result(int calls, int failures, double seconds, List<Long> micros) {

    double perSecond() {
      return calls / seconds;
    }

    Stats latency() {
      return Stats.of(micros);
    }

    Result and(Result more) {
      List<Long> all = new ArrayList<>(micros);
      all.addAll(more.micros);
      return new Result(calls + more.calls, failures + more.failures, seconds + more.seconds, all);
    }
  }

  private Load() {}

  static Result run(Supplier<Integer> call, int clients, Duration duration) throws Exception {
    List<Long> micros = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failures = new AtomicInteger();
    long end = System.nanoTime() + duration.toNanos();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        running.add(
            pool.submit(
                () -> {
                  while (System.nanoTime() < end) {
                    long before = System.nanoTime();
                    int status = call.get();
                    if (status / 100 == 2) {
                      micros.add((System.nanoTime() - before) / 1_000);
                    } else {
                      failures.incrementAndGet();
                    }
                  }
                }));
      }
      for (Future<?> client : running) {
        client.get();
      }
    } finally {
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.MINUTES);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(micros.size(), failures.get(), seconds, new ArrayList<>(micros));
  }
}
