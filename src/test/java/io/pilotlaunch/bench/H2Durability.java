package io.pilotlaunch.bench;

import io.pilotlaunch.support.ForkedApp;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PilotApi;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What durable commits cost on the embedded default database: pilot starts per second on H2 as `mvn
 * spring-boot:run` runs it (WRITE_DELAY=0, each commit written before it is acknowledged) against
 * H2's own default (written up to 0.5 s later), 4 clients, in turns. Prints the figures; ADR 0009
 * quotes them. Run: {@code mvn -Pbench verify -Dbench.main=io.pilotlaunch.bench.H2Durability}.
 */
public final class H2Durability {

  private static final String URL = "jdbc:h2:file:./data/pilot-launch;DB_CLOSE_ON_EXIT=FALSE";

  public static void main(String[] args) throws Exception {
    Duration turn = Duration.parse(System.getProperty("bench.load", "PT20S"));
    try (ForkedApp durable =
            ForkedApp.startIn(
                Files.createTempDirectory("h2-durable"),
                "--spring.profiles.active=demo",
                "--spring.datasource.url=" + URL + ";WRITE_DELAY=0");
        ForkedApp delayed =
            ForkedApp.startIn(
                Files.createTempDirectory("h2-delayed"),
                "--spring.profiles.active=demo",
                "--spring.datasource.url=" + URL)) {
      Supplier<Integer> durableStart = starts(durable.http().as("demo", "demo"), "durable");
      Supplier<Integer> delayedStart = starts(delayed.http().as("demo", "demo"), "delayed");
      Load.run(durableStart, 4, turn.dividedBy(2));
      Load.run(delayedStart, 4, turn.dividedBy(2));
      Load.Result d = Load.run(durableStart, 4, turn);
      Load.Result w = Load.run(delayedStart, 4, turn);
      d = d.and(Load.run(durableStart, 4, turn));
      w = w.and(Load.run(delayedStart, 4, turn));
      System.out.printf(
          "%nH2, 4 clients, POST /api/pilots:%n"
              + "WRITE_DELAY=0 (durable):  %.0f/s, p50 %.1f ms, p99 %.1f ms, %d not 2xx%n"
              + "H2 default (500 ms):      %.0f/s, p50 %.1f ms, p99 %.1f ms, %d not 2xx%n"
              + "durable / default: %.2f%n",
          d.perSecond(),
          d.latency().medianMillis(),
          d.latency().p99Millis(),
          d.failures(),
          w.perSecond(),
          w.latency().medianMillis(),
          w.latency().p99Millis(),
          w.failures(),
          d.perSecond() / w.perSecond());
    }
    System.exit(0);
  }

  private static Supplier<Integer> starts(HttpCalls demo, String prefix) {
    AtomicInteger unique = new AtomicInteger();
    return () ->
        demo.postJson(
                "/api/pilots",
                PilotApi.startBody(prefix + "-" + unique.incrementAndGet(), "demo", "local"))
            .getStatusCode()
            .value();
  }
}
