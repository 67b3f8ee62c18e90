package io.pilotlaunch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU goes while some work runs: a Java Flight Recorder profile of this JVM (the app runs
 * in it), summarized as the methods most often on the stack, ours and the engine's.
 */
final class Profile {

  /** A method and the share of CPU samples in which it was on the stack. */
  record Hotspot(String method, double share) {}

  record Result<T>(T value, List<Hotspot> ours, List<Hotspot> all, List<Hotspot> self) {}

  private Profile() {}

  static <T> Result<T> of(Callable<T> work) throws Exception {
    Path file = Files.createTempFile("bench-", ".jfr");
    T value;
    try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
      recording.start();
      value = work.call();
      recording.stop();
      recording.dump(file);
    }
    Map<String, Integer> onStack = new HashMap<>();
    Map<String, Integer> onTop = new HashMap<>();
    int samples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")
          || event.getStackTrace() == null) {
        continue;
      }
      samples++;
      onTop.merge(name(event.getStackTrace().getFrames().get(0)), 1, Integer::sum);
      Set<String> seen = new HashSet<>();
      for (RecordedFrame frame : event.getStackTrace().getFrames()) {
        String method = name(frame);
        if (seen.add(method)) {
          onStack.merge(method, 1, Integer::sum);
        }
      }
    }
    Files.deleteIfExists(file);
    int total = Math.max(1, samples);
    List<Hotspot> ranked = ranked(onStack, total);
    return new Result<>(
        value,
        ranked.stream()
            .filter(
                h ->
                    h.method().startsWith("io.pilotlaunch")
                        && !h.method().startsWith("io.pilotlaunch.bench"))
            .limit(12)
            .toList(),
        ranked.stream()
            .filter(
                h ->
                    h.method().startsWith("org.camunda")
                        || h.method().startsWith("org.apache.ibatis")
                        || h.method().startsWith("org.postgresql")
                        || h.method().startsWith("com.fasterxml"))
            .limit(12)
            .toList(),
        ranked(onTop, total).stream().limit(12).toList());
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  private static List<Hotspot> ranked(Map<String, Integer> counts, int total) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .map(e -> new Hotspot(e.getKey(), e.getValue() * 1.0 / total))
        .toList();
  }
}
