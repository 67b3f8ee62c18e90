package io.pilotlaunch.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latencies of one kind of call, in microseconds: their median and 99th percentile. */
record Stats(int samples, long medianMicros, long p99Micros) {

  static Stats of(List<Long> micros) {
    List<Long> sorted = new ArrayList<>(micros);
    Collections.sort(sorted);
    if (sorted.isEmpty()) {
      return new Stats(0, 0, 0);
    }
    return new Stats(
        sorted.size(),
        sorted.get(sorted.size() / 2),
        sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)));
  }

  double medianMillis() {
    return medianMicros / 1000.0;
  }

  double p99Millis() {
    return p99Micros / 1000.0;
  }
}
