package io.pilotlaunch.bench;

import io.pilotlaunch.support.ForkedApp;
import io.pilotlaunch.support.HttpCalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The baseline, bench/plain-engine, in a JVM of its own with the same options as the product's
 * forked JVM ({@code -Xmx512m}). The bench profile builds its jar before the benchmark runs.
 */
final class PlainApp implements AutoCloseable {

  static final Path JAR = Path.of("bench/plain-engine/target/plain-engine.jar");
  static final String PROCESS = "PlainProcess";
  static final String USER = "plainuser";
  static final String GROUP = "plainteam";
  static final String PASSWORD = "Plain-password-1";

  private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

  private final Process process;
  private final Path log;
  final boolean auth;

  private PlainApp(Process process, Path log, boolean auth) {
    this.process = process;
    this.log = log;
    this.auth = auth;
  }

  /** Starts it on that database, authorization and Basic auth on or off, and waits for HTTP. */
  static PlainApp start(String jdbcUrl, String user, boolean auth) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(
          JAR.toAbsolutePath() + " is missing: run the benchmark with mvn -Pbench verify");
    }
    try {
      Path log = Files.createTempFile("plain-engine-", ".log");
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx512m",
                  "-jar",
                  JAR.toAbsolutePath().toString(),
                  "--server.port=0",
                  "--spring.datasource.url=" + jdbcUrl,
                  "--spring.datasource.username=" + user,
                  "--plain.auth=" + auth));
      Process process =
          new ProcessBuilder(command)
              .directory(Files.createTempDirectory("plain-engine").toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      PlainApp app = new PlainApp(process, log, auth);
      Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
      while (!app.output().contains("Started PlainEngineApplication")) {
        if (!process.isAlive() || Instant.now().isAfter(deadline)) {
          app.close();
          throw new IllegalStateException("The plain engine did not start:\n" + app.output());
        }
        Thread.sleep(250);
      }
      return app;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Its REST API as its user: with Basic auth when auth is on, with no credentials when off. */
  HttpCalls http() {
    Matcher port = PORT.matcher(output());
    if (!port.find()) {
      throw new IllegalStateException("No port in the plain engine's output:\n" + output());
    }
    HttpCalls calls = new HttpCalls("http://localhost:" + port.group(1));
    return auth ? calls.as(USER, PASSWORD) : calls;
  }

  /** The CPU time its JVM has used so far, all its threads. */
  Duration cpuTime() {
    return process.info().totalCpuDuration().orElseThrow();
  }

  String output() {
    return ForkedApp.read(log);
  }

  @Override
  public void close() {
    ForkedApp.stop(process);
  }
}
