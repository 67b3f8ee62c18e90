package io.pilotlaunch.bench;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** The figures of one benchmark run, and docs/benchmarks.md written from them. */
final class Report {

  private record PerTask(Calls product, Calls plainOn, Calls plainOff) {}

  /** A task's work as one figure, and its three calls apart: where the difference lies. */
  record Calls(
      Stats whole,
      Stats list,
      Stats claim,
      Stats submit,
      double statementsPerTask,
      double databaseMillisPerTask,
      double cpuMillisPerTask,
      long openTasks) {

    /**
     * From samples of {whole, list, claim, submit} microseconds, and the statements its database
     * executed meanwhile and their time (pg_stat_statements; null when not counted), and the CPU
     * time its JVM used meanwhile.
     */
    static Calls of(
        List<long[]> samples, double[] database, double cpuMillis, int tasks, long openTasks) {
      return new Calls(
          part(samples, 0),
          part(samples, 1),
          part(samples, 2),
          part(samples, 3),
          database == null ? Double.NaN : database[0] / tasks,
          database == null ? Double.NaN : database[1] / tasks,
          cpuMillis / tasks,
          openTasks);
    }

    private static Stats part(List<long[]> samples, int index) {
      return Stats.of(samples.stream().map(sample -> sample[index]).toList());
    }
  }

  private record History(String side, int tasks, long historyBytes, long databaseBytes, int runs) {}

  /** A view's first page in the product, and in the reference product at the same moment. */
  private record View(Stats stats, Stats reference, int rows, int referenceRows, String problem) {

    double ratio() {
      return Report.ratio(stats, reference);
    }
  }

  private record Grown(
      int pilots, Duration product, Duration plain, long productBytes, long plainBytes) {}

  private record Cleanup(
      long beforePopulation,
      long populated,
      long cleaned,
      int due,
      int left,
      Duration took,
      int ourDue,
      int ourLeft) {}

  private record NotificationCost(Stats taskOff, Stats taskOn, Stats startOff, Stats startOn) {}

  private final Map<Integer, PerTask> perTask = new TreeMap<>();
  private final List<History> history = new ArrayList<>();
  private final Map<String, Map<Integer, View>> views = new LinkedHashMap<>();
  private final Map<String, Load.Result[]> loads = new LinkedHashMap<>();
  private final List<Grown> populations = new ArrayList<>();
  private final List<String> targets = new ArrayList<>();
  private int[] templates = {0, 0, 0};
  private Duration fullRuns = Duration.ZERO;
  private Cleanup cleanup;
  private NotificationCost notificationCost;
  private String cleanupRefused;
  private String failed;
  private Duration took = Duration.ZERO;

  void templates(int product, int plainOn, int plainOff) {
    templates = new int[] {product, plainOn, plainOff};
  }

  void fullRuns(Duration took) {
    fullRuns = took;
  }

  void history(String side, int tasks, long historyBytes, long databaseBytes, int runs) {
    history.add(new History(side, tasks, historyBytes, databaseBytes, runs));
  }

  void population(
      int pilots, Duration product, Duration plain, long productBytes, long plainBytes) {
    populations.add(new Grown(pilots, product, plain, productBytes, plainBytes));
  }

  void perTask(int pilots, Calls product, Calls plainOn, Calls plainOff) {
    perTask.put(pilots, new PerTask(product, plainOn, plainOff));
  }

  void view(
      int pilots,
      String what,
      Stats stats,
      Stats reference,
      int rows,
      int referenceRows,
      String problem) {
    views
        .computeIfAbsent(what, k -> new TreeMap<>())
        .put(pilots, new View(stats, reference, rows, referenceRows, problem));
  }

  void load(String what, Load.Result product, Load.Result plain) {
    loads.put(what, new Load.Result[] {product, plain});
  }

  void cleanup(
      long beforePopulation,
      long populated,
      long cleaned,
      int due,
      int left,
      Duration took,
      int ourDue,
      int ourLeft) {
    cleanup = new Cleanup(beforePopulation, populated, cleaned, due, left, took, ourDue, ourLeft);
  }

  void notificationCost(Stats taskOff, Stats taskOn, Stats startOff, Stats startOn) {
    notificationCost = new NotificationCost(taskOff, taskOn, startOff, startOn);
  }

  /** The run stopped here: the report says so at its top, with what was measured until then. */
  void failed(String why) {
    failed = why;
  }

  void cleanupRefused(String answer) {
    cleanupRefused = answer;
  }

  void took(Duration duration) {
    took = duration;
  }

  String markdown(String machine, List<Integer> sizes, Duration load, int fullRunCount) {
    targets.clear();
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n")
        .append(
            "Written by `mvn -Pbench verify` (`io.pilotlaunch.bench.Benchmark`) from one run on %s. Machine: %s; PostgreSQL 16 (embedded), history level full. Sizes %s, %d full runs as templates, load turns of %s. The run took %s.\n\n"
                .formatted(
                    LocalDate.now(ZoneOffset.UTC),
                    machine,
                    sizes,
                    fullRunCount,
                    seconds(load),
                    minutes(took)));
    if (failed != null) {
      md.append(
          "**The run failed before its end** (`%s`): the figures below are what it measured until then.\n\n"
              .formatted(failed));
    }
    md.append(METHOD);
    String body = sections(load);
    md.append("## Targets\n\n| target | figure | verdict |\n| --- | --- | --- |\n");
    targets.forEach(row -> md.append(row).append('\n'));
    md.append('\n').append(body);
    return md.toString();
  }

  private String sections(Duration load) {
    StringBuilder md = new StringBuilder();
    md.append("## a. Per task through /engine-rest\n\n")
        .append(
            "First page of the team's unassigned tasks (15, newest first), claim, submit the form with `done`, `evidenceLink`, `comment`. Median (p10–p90, n).\n\n")
        .append(
            "| size | product | plain, auth on | plain, auth off | product / on | product / off |\n")
        .append("| ---: | ---: | ---: | ---: | ---: | ---: |\n");
    perTask.forEach(
        (pilots, t) -> {
          double on = ratio(t.product().whole(), t.plainOn().whole());
          double off = ratio(t.product().whole(), t.plainOff().whole());
          md.append(
              "| %d | %s | %s | %s | %.3f× | %.3f× |\n"
                  .formatted(
                      pilots,
                      t.product().whole().spread(),
                      t.plainOn().whole().spread(),
                      t.plainOff().whole().spread(),
                      on,
                      off));
          target(
              "per task ≤ 1.0× plain auth on, at %d pilots".formatted(pilots),
              "%.3f×".formatted(on),
              on <= 1.0);
          target(
              "per task ≤ 1.3× plain auth off, at %d pilots".formatted(pilots),
              "%.3f×".formatted(off),
              off <= 1.3);
        });

    md.append(
            "\nThe three calls apart, median ms (list / claim / submit); per task, the CPU time of the app's JVM, and what its database executed (pg_stat_statements: statements, their execution time). Both include the app's background work meanwhile, such as its job executor and outbox pollers. Last, the tasks open in the app's database after the measurement: each size starts by ending the pilots earlier measurements left running:\n\n")
        .append("| size | product | plain, auth on | plain, auth off |\n")
        .append("| ---: | ---: | ---: | ---: |\n");
    perTask.forEach(
        (pilots, t) ->
            md.append(
                "| %d | %s | %s | %s |\n"
                    .formatted(
                        pilots, apart(t.product()), apart(t.plainOn()), apart(t.plainOff()))));

    md.append("\n## b. Under load\n\n")
        .append(
            "4 clients each, product and plain (auth on, `POST /engine-rest/process-definition/key/PlainProcess/start`) in turns: a warm-up of %s each, then two turns of %s each.\n\n"
                .formatted(seconds(load.dividedBy(3)), seconds(load.dividedBy(2))))
        .append(
            "| calls | product | p50 | p99 | not 2xx | plain starts | plain p50 | plain p99 | rate ratio | p99 ratio |\n")
        .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    loads.forEach(
        (what, r) -> {
          Load.Result p = r[0];
          Load.Result b = r[1];
          double rate = p.perSecond() / b.perSecond();
          double p99 = p.latency().p99Millis() / b.latency().p99Millis();
          md.append(
              "| %s | %.1f/s | %.1f ms | %.1f ms | %d | %.1f/s | %.1f ms | %.1f ms | %.2f× | %.2f× |\n"
                  .formatted(
                      what,
                      p.perSecond(),
                      p.latency().medianMillis(),
                      p.latency().p99Millis(),
                      p.failures(),
                      b.perSecond(),
                      b.latency().medianMillis(),
                      b.latency().p99Millis(),
                      rate,
                      p99));
          target(
              what + " ≥ 0.7× plain starts/s",
              "%.2f×".formatted(rate),
              rate >= 0.7 && p.failures() == 0);
          target(
              what + ": p99 ≤ 2× plain p99",
              "%.2f× (%.0f ms vs %.0f ms)"
                  .formatted(p99, p.latency().p99Millis(), b.latency().p99Millis()),
              p99 <= 2.0);
        });

    md.append("\n## c. History and database bytes\n\n")
        .append(
            "While the K template runs went their whole course: the growth of Σ `pg_total_relation_size` of `act_hi_*` and `act_ge_bytearray`, per task ended, and of `pg_database_size`, per run.\n\n")
        .append(
            "| app | runs | tasks ended | history bytes | per task | database bytes per run |\n")
        .append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
    history.forEach(
        h ->
            md.append(
                "| %s | %d | %d | %s | %s | %s |\n"
                    .formatted(
                        h.side(),
                        h.runs(),
                        h.tasks(),
                        bytes(h.historyBytes()),
                        bytes(perTaskBytes(h)),
                        bytes(h.databaseBytes() / Math.max(1, h.runs())))));
    if (history.size() >= 2) {
      double ratio = (double) perTaskBytes(history.get(0)) / perTaskBytes(history.get(1));
      target(
          "history bytes per task ≤ 2× plain auth on",
          "%.2f× (%s vs %s)"
              .formatted(
                  ratio, bytes(perTaskBytes(history.get(0))), bytes(perTaskBytes(history.get(1)))),
          ratio <= 2.0);
      md.append(
          "\nDatabase bytes per full pilot (reported, no target): %s.\n"
              .formatted(
                  bytes(history.get(0).databaseBytes() / Math.max(1, history.get(0).runs()))));
    }

    md.append("\n## d. Views\n\n")
        .append(
            "First page as a member of product management (`limit=50`), median (p10–p90, n) after 5 warm-up calls; a view past 5 s a call, or still sampling after a minute, stops at 3 samples (n says how many). Each call is made in turns with the same call to a **reference product** (a fourth JVM, same options, a database of its own) held at %d pilots ever run: %d pilots run their whole course through REST, then what the notification measurement and the per-task measurements at 0 and 20 pilots do in the product (pilots started, the member's tasks worked, the running ones ended before the next). The growth with size is the ratio of the two at the same moment (second table); a ratio near 1.0 at 20 pilots shows the two are alike.\n\n"
                .formatted(Benchmark.REFERENCE_PILOTS, Benchmark.REFERENCE_PILOTS));
    List<Integer> sizes =
        views.values().stream().flatMap(m -> m.keySet().stream()).distinct().sorted().toList();
    viewTable(
        md,
        sizes,
        "%d pilots",
        v -> v.problem() == null ? v.stats().spread() : v.problem() + "; " + v.stats().spread());
    md.append(
        "\nThe reference product (%d pilots) at the same moment, the product's time over it, and the pilots on the product's and the reference's page:\n\n"
            .formatted(Benchmark.REFERENCE_PILOTS));
    viewTable(
        md,
        sizes,
        "at %d pilots",
        v ->
            "%s · **%.2f×** (%d / %d pilots)"
                .formatted(v.reference().spread(), v.ratio(), v.rows(), v.referenceRows()));
    views.forEach(this::judgeView);

    md.append("\n## e. Population\n\n")
        .append(
            "Templates: product %d pilots, plain auth on %d, plain auth off %d instances, run to their end through REST in %s (the product's pilots). Copies in SQL as described above; time per app.\n\n"
                .formatted(templates[0], templates[1], templates[2], seconds(fullRuns)))
        .append(
            "| pilots ever run | product copied in | plain (both) copied in | product database | plain database (auth on) |\n")
        .append("| ---: | ---: | ---: | ---: | ---: |\n");
    populations.forEach(
        p ->
            md.append(
                "| %d | %s | %s | %s | %s |\n"
                    .formatted(
                        p.pilots(),
                        seconds(p.product()),
                        seconds(p.plain()),
                        bytes(p.productBytes()),
                        bytes(p.plainBytes()))));

    md.append("\n## f. History cleanup\n\n");
    if (cleanupRefused != null) {
      target("history cleanup triggered by the admin", "refused: " + cleanupRefused, false);
    }
    if (cleanup != null) {
      md.append(
          """
          Product database: %s before population, %s after population and the load, %s after the engine's history cleanup and `VACUUM FULL`. History rows past their removal time: %d before, %d left after %s (`POST /engine-rest/history/cleanup?immediatelyDue=true`). Our pilot runs ended more than 180 days ago: %d before, %d after.
          """
              .formatted(
                  bytes(cleanup.beforePopulation()),
                  bytes(cleanup.populated()),
                  bytes(cleanup.cleaned()),
                  cleanup.due(),
                  cleanup.left(),
                  seconds(cleanup.took()),
                  cleanup.ourDue(),
                  cleanup.ourLeft()));
      target(
          "history cleanup removes every history row past its removal time",
          "%d of %d left after %s"
              .formatted(cleanup.left(), cleanup.due(), seconds(cleanup.took())),
          cleanup.left() == 0);
      target(
          "our tables cleaned of pilots ended beyond the TTL",
          cleanup.ourLeft() == 0
              ? "0 left"
              : "%d of %d left: not cleaned".formatted(cleanup.ourLeft(), cleanup.ourDue()),
          cleanup.ourLeft() == 0);
      target(
          "the database shrinks back after cleanup",
          "%s → %s (before population %s)"
              .formatted(
                  bytes(cleanup.populated()),
                  bytes(cleanup.cleaned()),
                  bytes(cleanup.beforePopulation())),
          cleanup.cleaned() < cleanup.populated());
    }
    if (notificationCost != null) {
      NotificationCost n = notificationCost;
      double task = ratio(n.taskOn(), n.taskOff());
      double start = ratio(n.startOn(), n.startOff());
      md.append("\n## g. Notifications\n\n")
          .append(
              "The product twice, each on a database of its own holding only these calls' pilots: notifications off, and on with every team by mail (a local SMTP server) and chat (a local HTTP receiver), delivered meanwhile by the app's own worker. In turns after the same warm-up, and an `ANALYZE` of both databases (as in section a): a member's list, claim and submit of a pre-checklist item, and a pilot start (`POST /api/pilots`: five tasks, ten messages written in its transaction).\n\n")
          .append("| call | notifications off | on | ratio |\n| --- | ---: | ---: | ---: |\n")
          .append(
              "| task list + claim + submit | %s | %s | %.3f× |\n"
                  .formatted(n.taskOff().spread(), n.taskOn().spread(), task))
          .append(
              "| pilot start | %s | %s | %.3f× |\n"
                  .formatted(n.startOff().spread(), n.startOn().spread(), start));
      target(
          "task completion with notifications ≤ 1.1× without",
          "%.3f×".formatted(task),
          task <= 1.1);
      target(
          "pilot start with notifications ≤ 1.2× without", "%.3f×".formatted(start), start <= 1.2);
    }
    return md.toString();
  }

  /** At the largest size against 20 pilots: ≤ 200 ms and ≤ 1.3× its time at 20. */
  private void judgeView(String what, Map<Integer, View> bySize) {
    int largest = ((TreeMap<Integer, View>) bySize).lastKey();
    View at = bySize.get(largest);
    if (at.problem() != null || at.stats().samples() == 0) {
      target(
          what + " first page at " + largest + " pilots ≤ 200 ms",
          String.valueOf(at.problem()),
          false);
      return;
    }
    double ms = at.stats().medianMillis();
    target(
        what + " first page at " + largest + " pilots ≤ 200 ms",
        "%.1f ms".formatted(ms),
        ms <= 200);
    if (at.reference().samples() > 0) {
      double ratio = at.ratio();
      target(
          what
              + " at "
              + largest
              + " ≤ 1.3× at "
              + Benchmark.REFERENCE_PILOTS
              + " pilots (the reference product, in turns)",
          "%.2f× (%.1f ms vs %.1f ms)".formatted(ratio, ms, at.reference().medianMillis()),
          ratio <= 1.3);
    }
  }

  /** A row per view, a column per size, each cell as it says. */
  private void viewTable(
      StringBuilder md, List<Integer> sizes, String column, Function<View, String> cell) {
    md.append("| view |");
    sizes.forEach(s -> md.append(" ").append(column.formatted(s)).append(" |"));
    md.append("\n| --- |");
    sizes.forEach(s -> md.append(" ---: |"));
    md.append('\n');
    views.forEach(
        (what, bySize) -> {
          md.append("| ").append(what).append(" |");
          sizes.forEach(
              s -> {
                View v = bySize.get(s);
                md.append(' ').append(v == null ? "" : cell.apply(v)).append(" |");
              });
          md.append('\n');
        });
  }

  private void target(String what, String figure, boolean met) {
    targets.add("| %s | %s | %s |".formatted(what, figure, met ? "met" : "**missed**"));
  }

  private static String apart(Calls calls) {
    return "%.1f / %.1f / %.1f · JVM CPU %.1f ms · %.0f statements, %.1f ms · %d open tasks"
        .formatted(
            calls.list().medianMillis(),
            calls.claim().medianMillis(),
            calls.submit().medianMillis(),
            calls.cpuMillisPerTask(),
            calls.statementsPerTask(),
            calls.databaseMillisPerTask(),
            calls.openTasks());
  }

  private static long perTaskBytes(History h) {
    return h.historyBytes() / Math.max(1, h.tasks());
  }

  private static double ratio(Stats a, Stats b) {
    return b.medianMicros() == 0 ? Double.NaN : (double) a.medianMicros() / b.medianMicros();
  }

  private static String bytes(long bytes) {
    if (bytes >= 1L << 30) {
      return "%.2f GB".formatted(bytes / (double) (1L << 30));
    }
    if (bytes >= 1L << 20) {
      return "%.1f MB".formatted(bytes / (double) (1L << 20));
    }
    return "%.1f KB".formatted(bytes / 1024.0);
  }

  private static String seconds(Duration d) {
    return "%d s".formatted(d.toSeconds());
  }

  private static String minutes(Duration d) {
    return "%d min %d s".formatted(d.toMinutes(), d.toSecondsPart());
  }

  private static final String METHOD =
      """
      ## Method

      - **Three apps, three JVMs** (four with the views' reference) with the same options (`-Xmx512m`), each on a database of its own on one embedded PostgreSQL: the **product** (postgres profile, a tenant health server in the benchmark's JVM for onboarding), and a separate **plain Camunda 7.24 + Spring Boot application** (`bench/plain-engine`, no class of ours) run twice: **auth on** (authorization enabled, HTTP Basic on /engine-rest by Camunda's `ProcessEngineAuthenticationFilter`, a non-admin user whose group may read and start the process (and read and delete its instances, which only the harness does, between sizes) and works its tasks through the engine's default task authorizations for a candidate group) and **auth off** (neither). The plain process has 25 plain user tasks, as many as a pilot on its quiet path to the end (5 in parallel, as the pre-checklist, then 20 in sequence), each for one candidate group; history time to live P180D, history level full, as ours.
      - **Per task**: the product's member of product management through /engine-rest with Basic auth, the plain user on both plain apps; product, plain on and plain off take turns call by call, the order rotating each round, after a warm-up of the same number of rounds for all three at every size and an `ANALYZE` of all three databases (autovacuum reaches one database at a time, about once a minute: a measurement that starts before it reached an app's fresh tables runs on plans made for empty tables, and a team's first page took 134 ms instead of 2 ms at 800 open tasks). Each size first ends (cancels) what earlier measurements left running, in all three apps, then starts a fresh set to work: left running, their open tasks would pile up from size to size (thousands at the last size), and the figures would grow with the harness rather than with the pilots ever run. Beside the time of the whole, each call's, and per task the CPU time of each app's JVM and the statements its database executed (`pg_stat_statements`), to tell where a difference lies.
      - **Views**: against a fourth JVM, a **reference product** held at 20 pilots ever run, called in turns with the product after an `ANALYZE` of both databases (section d).
      - **Templates**: K pilots run their whole course (quiet path: pre-checklist, Phase 1, monitoring, Phase 2 reviews, summary, acceptance, sign-offs, Phase 3, milestone review; 25 tasks) through the product's REST API as its admin, and K instances of the plain process in each plain app, each task completed with `done`, `evidenceLink`, `comment`. Their growth gives the history bytes per task and the database bytes per run.
      - **Pilots ever run** at a size are the K templates and copies of them made in SQL (`io.pilotlaunch.bench.Population`), the same number for all three apps: the engine's history rows (every `act_hi_*` table, the history byte arrays), the pilot's Camunda tenant and the authorizations on it, and our `pilot.*` rows of its tenant; every own id replaced by `md5(id || '/' || g)` (definition, activity, user, group and deployment ids kept), our bigint ids by `id + g·10⁹`, the tenant id by `tenant-c<g>` wherever it stands, every timestamp moved back by 1 to 360 days (so removal time stays end + 180 days, and about half the copies are past it). Then `ANALYZE`. A size is reached in whole generations of K (section e gives the runs; size 0 has the K templates). The pilots the measurements start themselves come on top, running.
      - **History cleanup**: at the end, the product's admin triggers the engine's history cleanup; we wait until no history row past its removal time is left (at most 10 minutes), count our pilot runs ended more than 180 days ago, then `VACUUM FULL`.

      """;
}
