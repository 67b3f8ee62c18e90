package io.pilotlaunch.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latencies of one kind of call, in microseconds: how many, median, spread (p10–p90) and p99. */
record Stats(int samples, long medianMicros, long p10Micros, long p90Micros, long p99Micros) {

  static Stats of(List<Long> micros) {
    List<Long> sorted = new ArrayList<>(micros);
    Collections.sort(sorted);
    if (sorted.isEmpty()) {
      return new Stats(0, 0, 0, 0, 0);
    }
    return new Stats(
        sorted.size(),
        sorted.get(sorted.size() / 2),
        percentile(sorted, 0.10),
        percentile(sorted, 0.90),
        percentile(sorted, 0.99));
  }

  private static long percentile(List<Long> sorted, double share) {
    int rank = (int) Math.ceil(sorted.size() * share) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank)));
  }

  double medianMillis() {
    return medianMicros / 1000.0;
  }

  double p99Millis() {
    return p99Micros / 1000.0;
  }

  /** "12.3 ms (10.1–15.0, n 60)": median, p10–p90 and the number of samples. */
  String spread() {
    return samples == 0
        ? "none"
        : String.format(
            "%.1f ms (%.1f–%.1f, n %d)",
            medianMillis(), p10Micros / 1000.0, p90Micros / 1000.0, samples);
  }
}
