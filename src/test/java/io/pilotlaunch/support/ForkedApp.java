package io.pilotlaunch.support;

import io.pilotlaunch.PilotLaunchApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The app in a JVM of its own, as a second node or a fresh start would run it. Camunda keeps
 * engines and webapps in static registries, so a second app in the test JVM would disturb the
 * shared test context.
 */
public final class ForkedApp implements AutoCloseable {

  private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

  /** Generous: three nodes starting at once on a busy 2-core machine took over 5 minutes. */
  private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(10);

  private final Process process;
  private final Path log;

  private ForkedApp(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts the app with these command-line arguments and waits until it serves HTTP. */
  public static ForkedApp start(String... args) {
    return startIn(newWorkingDirectory(), args);
  }

  /**
   * Starts a node as the deployment tests run one: the postgres profile on this database, the test
   * admin's password, a cheap password hash; then these settings of the test's own.
   */
  public static ForkedApp startOnPostgres(String jdbcUrl, String... settings) {
    return start(onPostgres(jdbcUrl, settings));
  }

  /** The arguments of {@link #startOnPostgres}, for a test that starts the same node again. */
  public static String[] onPostgres(String jdbcUrl, String... settings) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--spring.profiles.active=postgres",
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + EmbeddedPostgresDatabase.USER,
                "--spring.datasource.password=",
                "--camunda.bpm.admin-user.password=" + PostgresIntegrationTest.ADMIN_PASSWORD,
                // the same slow hash with fewer rounds, as in the shared test context
                "--pilot.passwords.hash-iterations=1000"));
    args.addAll(List.of(settings));
    return args.toArray(String[]::new);
  }

  /** Starts the app in this working directory, where relative paths such as ./data resolve. */
  public static ForkedApp startIn(Path workingDirectory, String... args) {
    ForkedApp app = launch(workingDirectory, args);
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    while (!app.output().contains("Started PilotLaunchApplication")) {
      if (!app.process.isAlive() || Instant.now().isAfter(deadline)) {
        app.close();
        throw new IllegalStateException("The forked app did not start:\n" + app.output());
      }
      sleep();
    }
    return app;
  }

  /** Runs the app with these arguments until it exits by itself, as a refused start does. */
  public static ForkedApp runUntilExit(String... args) {
    ForkedApp app = launch(newWorkingDirectory(), args);
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    while (app.process.isAlive()) {
      if (Instant.now().isAfter(deadline)
          || app.output().contains("Started PilotLaunchApplication")) {
        app.close();
        throw new IllegalStateException(
            "The forked app started although it should not have:\n" + app.output());
      }
      sleep();
    }
    return app;
  }

  /**
   * A directory of its own: the test JVM's class path resolves relative to the working directory,
   * and in the project directory it would find processes/ and forms/ twice.
   */
  private static Path newWorkingDirectory() {
    try {
      return Files.createTempDirectory("pilot-launch-forked");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ForkedApp launch(Path workingDirectory, String... args) {
    try {
      Path log = Files.createTempFile("pilot-launch-forked-", ".log");
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx512m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  PilotLaunchApplication.class.getName()));
      if (Arrays.stream(args).noneMatch(arg -> arg.startsWith("--server.port="))) {
        command.add("--server.port=0");
      }
      command.addAll(List.of(args));
      Process process =
          new ProcessBuilder(command)
              .directory(workingDirectory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      return new ForkedApp(process, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    Matcher matcher = PORT.matcher(output());
    if (!matcher.find()) {
      throw new IllegalStateException("No port in the output of the forked app:\n" + output());
    }
    return Integer.parseInt(matcher.group(1));
  }

  public HttpCalls http() {
    return new HttpCalls("http://localhost:" + port());
  }

  /** The resident memory of the app's JVM now, from /proc (Linux), in MiB. */
  public long residentMebibytes() {
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
        }
      }
      throw new IllegalStateException("No VmRSS for process " + process.pid());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CPU time the app's JVM has used so far, all its threads. */
  public Duration cpuTime() {
    return process.info().totalCpuDuration().orElseThrow();
  }

  /** kill -9: no shutdown hook, no graceful stop; what a crash or the OOM killer does. */
  public void kill() {
    try {
      process.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public int exitCode() {
    return process.exitValue();
  }

  public String output() {
    return read(log);
  }

  @Override
  public void close() {
    stop(process);
  }

  /** What a forked JVM wrote to its log so far. */
  public static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops a forked JVM: politely, then after 30 s for good. */
  public static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
