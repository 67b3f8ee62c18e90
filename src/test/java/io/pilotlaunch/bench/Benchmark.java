package io.pilotlaunch.bench;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_CONFIRM_MVP_ACCEPTANCE_CRITERIA;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_MONITOR_PILOT;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_PRODUCE_PILOT_SUMMARY;

import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.support.EmbeddedPostgresDatabase;
import io.pilotlaunch.support.ForkedApp;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.NotificationReceivers;
import io.pilotlaunch.support.PilotApi;
import io.pilotlaunch.support.PilotSteps;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.support.RestPilotDriver;
import io.pilotlaunch.support.TeamWork;
import io.pilotlaunch.support.TenantHealthServer;
import io.pilotlaunch.teams.Team;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;

/**
 * The product against a separate plain Camunda 7.24 application (bench/plain-engine), run twice:
 * authorization and Basic auth on, and both off. Three JVMs of their own with the same options,
 * three databases on one embedded PostgreSQL. Per task, starts and issue reports under load,
 * history bytes, views at growing numbers of pilots ever run, and the history cleanup. Only ratios
 * of calls interleaved on this shared machine are judged. Writes docs/benchmarks.md; asserts
 * nothing about time. Run: {@code mvn -Pbench verify} ({@code -Dbench.sizes=0,20} for a quick run).
 */
public final class Benchmark {

  private static final String ADMIN = "admin";
  private static final String ADMIN_PASSWORD = "Bench-secret-42";
  private static final String MEMBER = "bench-pm";
  private static final String MEMBER_PASSWORD = "Team-secret-77";
  private static final String TEAM = Team.PRODUCT_MANAGEMENT.groupId();
  private static final int PHASE2_PILOTS = 8;
  private static final Pattern FIRST_ID = Pattern.compile("^\\[\\{\"id\":\"([^\"]+)\"");
  private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
  private static final String HISTORY_BYTES =
      """
      select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'
        and (c.relname like 'act\\_hi\\_%' or c.relname = 'act_ge_bytearray')
      """;

  private final List<Integer> sizes;
  private final Duration load;
  private final int fullRuns;
  private final int samples;
  private final Report report = new Report();
  private final AtomicInteger unique = new AtomicInteger();
  private final List<AutoCloseable> running =
      java.util.Collections.synchronizedList(new ArrayList<>());

  private Side product;
  private Side plainOn;
  private Side plainOff;
  private HttpCalls admin;

  /**
   * A second product, held at 20 pilots ever run, whose views are called in turns with the
   * product's at every size: the views' growth is judged against it at the same moment, not against
   * a measurement minutes earlier on this shared machine.
   */
  private HttpCalls reference;

  private String referenceDb;

  /** Pilots ever run in the reference product: the views' baseline size. */
  static final int REFERENCE_PILOTS = 20;

  private static final String REFERENCE_DATABASE = "bench_reference";

  /** One of the three apps: its database, its REST API as the user who works, a name. */
  private record Side(
      String name,
      String jdbcUrl,
      HttpCalls http,
      String userId,
      String group,
      Supplier<Duration> cpuTime) {}

  private Benchmark(List<Integer> sizes, Duration load, int fullRuns, int samples) {
    this.sizes = sizes;
    this.load = load;
    this.fullRuns = fullRuns;
    this.samples = samples;
  }

  public static void main(String[] args) throws Exception {
    List<Integer> sizes =
        Arrays.stream(System.getProperty("bench.sizes", "0,20,1000,10000").split(","))
            .map(String::trim)
            .map(Integer::parseInt)
            .sorted()
            .toList();
    Duration load = Duration.parse(System.getProperty("bench.load", "PT20S"));
    int fullRuns = Integer.getInteger("bench.full-runs", 10);
    int samples = Integer.getInteger("bench.samples", 60);
    Path output = Path.of(System.getProperty("bench.output", "docs/benchmarks.md"));
    Benchmark benchmark = new Benchmark(sizes, load, fullRuns, samples);
    int exit = 0;
    try {
      benchmark.run();
    } catch (Exception | AssertionError e) {
      e.printStackTrace();
      benchmark.report.failed(e.toString());
      exit = 1;
    } finally {
      benchmark.stop();
    }
    String markdown = benchmark.report.markdown(machine(), sizes, load, fullRuns);
    Files.writeString(output, markdown);
    System.out.println(markdown);
    System.out.println("Written: " + output.toAbsolutePath());
    System.exit(exit); // the tenant health server's thread would keep this JVM alive
  }

  private void run() throws Exception {
    Instant started = Instant.now();
    EmbeddedPostgresDatabase.withStatementStatistics();
    startApps();
    try (Connection db = DriverManager.getConnection(EmbeddedPostgresDatabase.jdbcUrl())) {
      db.createStatement().execute("create extension if not exists pg_stat_statements");
    }
    log("three apps started");
    measureNotificationCost();
    log("notification cost measured");
    runFullCourses();
    log("full-course templates run");
    prepareReference();
    log("reference product at " + REFERENCE_PILOTS + " pilots ever run");
    Population products = Population.ofEndedInstances(product.jdbcUrl());
    Population plainsOn = Population.ofEndedInstances(plainOn.jdbcUrl());
    Population plainsOff = Population.ofEndedInstances(plainOff.jdbcUrl());
    report.templates(products.templates(), plainsOn.templates(), plainsOff.templates());
    long before = databaseBytes(product);
    for (int size : sizes) {
      Instant populating = Instant.now();
      int added = products.growTo(size);
      log("product at " + products.runs() + " pilots ever run");
      long held = single(product, "select count(*) from pilot.pilot_run");
      if (held < products.runs()) {
        // the overviews would be measured over fewer pilots than the size says
        throw new IllegalStateException(
            "The product holds "
                + held
                + " pilot runs, fewer than the "
                + products.runs()
                + " it should");
      }
      Duration productTime = Duration.between(populating, Instant.now());
      plainsOn.growTo(size);
      plainsOff.growTo(size);
      if (added > 0) {
        report.population(
            products.runs(),
            productTime,
            Duration.between(populating, Instant.now()).minus(productTime),
            databaseBytes(product),
            databaseBytes(plainOn));
      }
      log("plain apps at " + plainsOn.runs() + " and " + plainsOff.runs() + " instances");
      // keyed by the size asked for: the population table says how many ran (size 0: the templates)
      measurePerTask(size);
      log(
          "per task measured; the dearest statements of the product and of the plain engine (auth"
              + " off) meanwhile:\n"
              + dearestStatements(databaseOf(product))
              + "  --\n"
              + dearestStatements(databaseOf(plainOff)));
      resetStatementStatistics();
      measureViews(size);
      log(
          "views measured; the dearest statements of the product and of the reference meanwhile:\n"
              + dearestStatements(databaseOf(product))
              + "  --\n"
              + dearestStatements(REFERENCE_DATABASE));
    }
    measureStarts();
    log("starts measured");
    measureIssueReports();
    log("issue reports measured");
    measureCleanup(before);
    log("history cleanup measured");
    report.took(Duration.between(started, Instant.now()));
  }

  // ------------------------------------------------------------------ the three apps

  private void startApps() throws Exception {
    String productDb = EmbeddedPostgresDatabase.freshDatabase("bench_product");
    String plainOnDb = EmbeddedPostgresDatabase.freshDatabase("bench_plain_on");
    String plainOffDb = EmbeddedPostgresDatabase.freshDatabase("bench_plain_off");
    ExecutorService starts = Executors.newFixedThreadPool(3);
    try {
      Future<ForkedApp> app =
          starts.submit(
              () -> running(ForkedApp.start(productArguments(productDb).toArray(String[]::new))));
      // the product alone first: three starts at once on 2 busy cores can pass the 3-minute limit
      ForkedApp productApp = app.get();
      Future<PlainApp> on =
          starts.submit(
              () -> running(PlainApp.start(plainOnDb, EmbeddedPostgresDatabase.USER, true)));
      Future<PlainApp> off =
          starts.submit(
              () -> running(PlainApp.start(plainOffDb, EmbeddedPostgresDatabase.USER, false)));
      PlainApp plainOnApp = on.get();
      PlainApp plainOffApp = off.get();
      referenceDb = EmbeddedPostgresDatabase.freshDatabase(REFERENCE_DATABASE);
      ForkedApp referenceApp =
          running(ForkedApp.start(productArguments(referenceDb).toArray(String[]::new)));
      admin = productApp.http().as(ADMIN, ADMIN_PASSWORD);
      createMember(admin);
      HttpCalls referenceAdmin = referenceApp.http().as(ADMIN, ADMIN_PASSWORD);
      createMember(referenceAdmin);
      reference = referenceApp.http().as(MEMBER, MEMBER_PASSWORD);
      product =
          new Side(
              "product",
              productDb,
              productApp.http().as(MEMBER, MEMBER_PASSWORD),
              MEMBER,
              TEAM,
              productApp::cpuTime);
      plainOn =
          new Side(
              "plain, auth on",
              plainOnDb,
              plainOnApp.http(),
              PlainApp.USER,
              PlainApp.GROUP,
              plainOnApp::cpuTime);
      plainOff =
          new Side(
              "plain, auth off",
              plainOffDb,
              plainOffApp.http(),
              PlainApp.USER,
              PlainApp.GROUP,
              plainOffApp::cpuTime);
    } finally {
      starts.shutdown();
    }
  }

  private static List<String> productArguments(String database) {
    return new ArrayList<>(
        List.of(
            "--spring.profiles.active=postgres",
            "--spring.datasource.url=" + database,
            "--spring.datasource.username=" + EmbeddedPostgresDatabase.USER,
            "--spring.datasource.password=",
            "--camunda.bpm.admin-user.password=" + ADMIN_PASSWORD,
            "--pilot.webhooks.git-secret=" + PostgresIntegrationTest.WEBHOOK_SECRET,
            // our rows of pilots whose history is gone: every 10 s, not nightly
            "--pilot.history.run-cleanup-cron=*/10 * * * * *",
            "--pilot.environments[0].name=" + PostgresIntegrationTest.TEST_ENVIRONMENT,
            "--pilot.environments[0].regions=" + PostgresIntegrationTest.TEST_REGION,
            "--pilot.environments[0].base-url-pattern=" + TenantHealthServer.baseUrlPattern()));
  }

  /** Remembered as soon as it runs, so that it is stopped whatever fails next. */
  private <T extends AutoCloseable> T running(T app) {
    running.add(app);
    return app;
  }

  /** A member of product management, as the admin creates one through the REST API. */
  private static void createMember(HttpCalls admin) {
    expect(
        admin.postJson(
            "/engine-rest/user/create",
            """
            {"profile": {"id": "%s", "firstName": "Measured", "lastName": "Member",
             "email": "member@example.test"}, "credentials": {"password": "%s"}}"""
                .formatted(MEMBER, MEMBER_PASSWORD)),
        204);
    expect(admin.putJson("/engine-rest/group/" + TEAM + "/members/" + MEMBER, ""), 204);
  }

  private void stop() {
    for (AutoCloseable app : running) {
      try {
        app.close();
      } catch (Exception e) {
        System.err.println("Could not stop " + app + ": " + e);
      }
    }
  }

  // ------------------------------------------------------------------ notifications

  /**
   * The product again, notifications on (every team by mail and chat to receivers in this JVM), on
   * a fresh database, beside the product with them off, before either holds more than these calls'
   * pilots: a member's task claim and submit, and a pilot start, in turns.
   */
  private void measureNotificationCost() throws Exception {
    NotificationReceivers.start();
    String notifiedDb = EmbeddedPostgresDatabase.freshDatabase("bench_notified");
    List<String> arguments = productArguments(notifiedDb);
    arguments.addAll(
        List.of(
            "--pilot.notifications.enabled=true",
            "--spring.mail.host=127.0.0.1",
            "--spring.mail.port=" + NotificationReceivers.smtpPort()));
    for (Team team : Team.values()) {
      String prefix = "--pilot.notifications.teams." + team.groupId();
      arguments.add(prefix + ".email=" + NotificationReceivers.teamAddress(team.groupId()));
      arguments.add(prefix + ".chat-webhook=" + NotificationReceivers.chatUrl(team.groupId()));
    }
    try (ForkedApp app = ForkedApp.start(arguments.toArray(String[]::new))) {
      createMember(app.http().as(ADMIN, ADMIN_PASSWORD));
      Side notified =
          new Side(
              "product, notifications on",
              notifiedDb,
              app.http().as(MEMBER, MEMBER_PASSWORD),
              MEMBER,
              TEAM,
              app::cpuTime);
      List<Side> sides = List.of(product, notified);
      Map<Side, List<Long>> tasks = new LinkedHashMap<>();
      Map<Side, List<Long>> starts = new LinkedHashMap<>();
      sides.forEach(
          side -> {
            tasks.put(side, new ArrayList<>());
            starts.put(side, new ArrayList<>());
          });
      int warmUp = samples / 3;
      for (int round = 0; round < warmUp + samples; round++) {
        if (round == warmUp) {
          analyze(sides.stream().map(Side::jdbcUrl).toList());
        }
        for (int turn = 0; turn < sides.size(); turn++) {
          Side side = sides.get((round + turn) % sides.size());
          long start =
              timed(
                  () ->
                      expect(
                          side.http()
                              .postJson(
                                  "/api/pilots",
                                  PilotApi.startBody("bench-notify-" + unique.incrementAndGet())),
                          201));
          long task = workOne(side)[0];
          if (round >= warmUp) {
            starts.get(side).add(start);
            tasks.get(side).add(task);
          }
        }
      }
      report.notificationCost(
          Stats.of(tasks.get(product)),
          Stats.of(tasks.get(notified)),
          Stats.of(starts.get(product)),
          Stats.of(starts.get(notified)));
    }
  }

  // ------------------------------------------------------------------ whole courses

  /**
   * K pilots through the product's REST API on the quiet path to their end (every task by the
   * admin, as the forked tests drive it) and K instances of the plain process in each plain app,
   * every task completed with a checklist form's three variables. The history bytes they add, per
   * task, and the database bytes per run.
   */
  private void runFullCourses() throws Exception {
    long[] history = {historyBytes(product), historyBytes(plainOn), historyBytes(plainOff)};
    long[] database = {databaseBytes(product), databaseBytes(plainOn), databaseBytes(plainOff)};
    Instant start = Instant.now();
    parallel(2, fullRuns, i -> runPilotToItsEnd(admin, "bench-full-" + i));
    Duration pilots = Duration.between(start, Instant.now());
    for (Side plain : List.of(plainOn, plainOff)) {
      parallel(2, fullRuns, i -> runPlainToItsEnd(plain));
    }
    List<Side> sides = List.of(product, plainOn, plainOff);
    for (int i = 0; i < sides.size(); i++) {
      Side side = sides.get(i);
      report.history(
          side.name(),
          tasksEnded(side),
          historyBytes(side) - history[i],
          databaseBytes(side) - database[i],
          fullRuns);
    }
    report.fullRuns(pilots);
  }

  private static Void runPilotToItsEnd(HttpCalls asAdmin, String tenant) {
    RestPilotDriver driver = new RestPilotDriver(asAdmin);
    String pilot = driver.start(tenant);
    driver.passPreChecklist(pilot);
    driver.passPhase1(pilot);
    driver.complete(pilot, TASK_MONITOR_PILOT, PilotSteps.done());
    PilotSteps.PHASE2_REVIEWS.forEach(task -> driver.complete(pilot, task, PilotSteps.approve()));
    driver.complete(
        pilot, TASK_PRODUCE_PILOT_SUMMARY, PilotSteps.confirmSummary("Quiet pilot.", ""));
    driver.complete(pilot, TASK_CONFIRM_MVP_ACCEPTANCE_CRITERIA, PilotSteps.done());
    for (List<String> step :
        List.of(PilotSteps.SIGN_OFFS, PilotSteps.PHASE3_REVIEWS, PilotSteps.MILESTONE_REVIEW)) {
      step.forEach(task -> driver.complete(pilot, task, PilotSteps.straight(task)));
    }
    awaitEnded(asAdmin, pilot);
    return null;
  }

  private Void runPlainToItsEnd(Side plain) {
    String instance = startPlain(plain);
    for (String tasks = openTasks(plain, instance);
        !tasks.equals("[]");
        tasks = openTasks(plain, instance)) {
      Matcher task = ID.matcher(tasks);
      while (task.find()) {
        expect(
            plain
                .http()
                .postJson(
                    "/engine-rest/task/" + task.group(1) + "/complete",
                    TeamWork.body(PilotSteps.done())),
            204);
      }
    }
    // no async step in the plain process: with no task open it has ended
    return null;
  }

  private static String openTasks(Side plain, String instance) {
    return plain.http().get("/engine-rest/task?processInstanceId=" + instance).getBody();
  }

  private static String startPlain(Side plain) {
    ResponseEntity<String> started =
        plain
            .http()
            .postJson("/engine-rest/process-definition/key/" + PlainApp.PROCESS + "/start", "{}");
    expect(started, 200);
    Matcher id = ID.matcher(started.getBody());
    if (!id.find()) {
      throw new IllegalStateException("No id in " + started.getBody());
    }
    return id.group(1);
  }

  private static void awaitEnded(HttpCalls calls, String instance) {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (!calls
        .get("/engine-rest/history/process-instance/" + instance)
        .getBody()
        .contains("\"state\":\"COMPLETED\"")) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("Process instance " + instance + " did not end");
      }
      sleep(Duration.ofMillis(250));
    }
  }

  // ------------------------------------------------------------------ per task

  /**
   * A member of the team works a task as Tasklist does: the first page of its team's tasks, claim,
   * submit the form with a checklist item's three variables. The product, plain auth on and plain
   * auth off take turns call by call, the order rotating each round; all three are warmed alike
   * first.
   */
  private void measurePerTask(int size) {
    int warmUp = samples / 3;
    int rounds = warmUp + samples;
    endRunningPilots(admin);
    startPilotsToWork(admin, rounds);
    for (Side plain : List.of(plainOn, plainOff)) {
      endRunning(plain.http(), PlainApp.PROCESS);
      for (int i = 0; i < rounds / 5 + 2; i++) {
        startPlain(plain);
      }
    }
    List<Side> sides = List.of(product, plainOn, plainOff);
    Map<Side, List<long[]>> times = new LinkedHashMap<>();
    Map<Side, Duration> cpuBefore = new LinkedHashMap<>();
    sides.forEach(side -> times.put(side, new ArrayList<>()));
    for (int round = 0; round < rounds; round++) {
      if (round == warmUp) {
        analyze(sides.stream().map(Side::jdbcUrl).toList());
        resetStatementStatistics();
        sides.forEach(side -> cpuBefore.put(side, side.cpuTime().get()));
      }
      for (int turn = 0; turn < sides.size(); turn++) {
        Side side = sides.get((round + turn) % sides.size());
        long[] micros = workOne(side);
        if (round >= warmUp) {
          times.get(side).add(micros);
        }
      }
    }
    Map<String, double[]> database = statementStatistics();
    Map<Side, Report.Calls> calls = new LinkedHashMap<>();
    for (Side side : sides) {
      Duration cpu = side.cpuTime().get().minus(cpuBefore.get(side));
      calls.put(
          side,
          Report.Calls.of(
              times.get(side),
              database.get(databaseOf(side)),
              cpu.toNanos() / 1e6,
              samples,
              openTasks(side)));
    }
    report.perTask(size, calls.get(product), calls.get(plainOn), calls.get(plainOff));
  }

  /**
   * Brings the statistics of every side's database up to date, alike, before the measured rounds
   * (and the product's and the reference's before the views). Autovacuum analyzes one database at a
   * time, each about once a minute; a measurement that starts before it reached an app's fresh
   * tables runs on plans made for empty tables, and whichever app it reached first wins: a team's
   * first page took 134 ms instead of 2 ms at 800 open tasks, and the notification cost swung from
   * 0.35x to 2.3x between runs of the same code.
   */
  private static void analyze(List<String> databases) {
    for (String database : databases) {
      try (Connection db = DriverManager.getConnection(database)) {
        db.createStatement().execute("analyze");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static void resetStatementStatistics() {
    onServer("select pg_stat_statements_reset()", rows -> {});
  }

  /** Statements executed and their time in ms since the reset, by database. */
  private static Map<String, double[]> statementStatistics() {
    Map<String, double[]> byDatabase = new LinkedHashMap<>();
    onServer(
        "select d.datname, sum(s.calls), sum(s.total_exec_time) from pg_stat_statements s"
            + " join pg_database d on d.oid = s.dbid group by d.datname",
        rows ->
            byDatabase.put(rows.getString(1), new double[] {rows.getLong(2), rows.getDouble(3)}));
    return byDatabase;
  }

  /** For the log: where the database time of a measurement went, to find what grows with size. */
  private static String dearestStatements(String database) {
    StringBuilder lines = new StringBuilder();
    onServer(
        "select s.calls, round(s.total_exec_time::numeric, 1), round(s.mean_exec_time::numeric, 3),"
            + " s.shared_blks_hit + s.shared_blks_read, left(regexp_replace(s.query, '\\s+', ' ', 'g'), 220)"
            + " from pg_stat_statements s join pg_database d on d.oid = s.dbid"
            + " where d.datname = '"
            + database
            + "' order by s.total_exec_time desc limit 12",
        rows ->
            lines.append(
                "  %6d calls %9s ms total %8s ms mean %9d blocks  %s%n"
                    .formatted(
                        rows.getLong(1),
                        rows.getString(2),
                        rows.getString(3),
                        rows.getLong(4),
                        rows.getString(5))));
    return lines.toString();
  }

  private interface Row {
    void read(java.sql.ResultSet row) throws SQLException;
  }

  /** A query on the server's default database (which sees every database's statistics). */
  private static void onServer(String query, Row row) {
    try (Connection db = DriverManager.getConnection(EmbeddedPostgresDatabase.jdbcUrl());
        var rows = db.createStatement().executeQuery(query)) {
      while (rows.next()) {
        row.read(rows);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long openTasks(Side side) {
    try {
      return single(side, "select count(*) from act_ru_task");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String databaseOf(Side side) {
    String url = side.jdbcUrl();
    String path = url.substring(url.lastIndexOf('/') + 1);
    return path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
  }

  /**
   * Ends (cancels) every instance of the process still running: those earlier measurements started
   * and left with tasks open. Otherwise they pile up from size to size (hundreds of pilots and
   * thousands of open tasks at the last size, where a deployment has a few dozen), and the per-task
   * figures would grow with the harness, not with the pilots ever run. Each size then measures a
   * fresh set of running instances, in the product and in the plain apps alike.
   */
  private static void endRunning(HttpCalls calls, String processKey) {
    for (String running = running(calls, processKey);
        ID.matcher(running).find();
        running = running(calls, processKey)) {
      Matcher instance = ID.matcher(running);
      while (instance.find()) {
        expect(calls.delete("/engine-rest/process-instance/" + instance.group(1)), 204);
      }
    }
  }

  private static String running(HttpCalls calls, String processKey) {
    String page =
        calls
            .get(
                "/engine-rest/process-instance?processDefinitionKey="
                    + processKey
                    + "&firstResult=0&maxResults=200")
            .getBody();
    return page == null ? "" : page;
  }

  private static void endRunningPilots(HttpCalls asAdmin) {
    endRunning(asAdmin, MvpPilotLaunchProcess.PROCESS_ID);
  }

  /** As many pilots as a per-task measurement of that many rounds works tasks of, and some. */
  private void startPilotsToWork(HttpCalls asAdmin, int rounds) {
    for (int i = 0; i < rounds / 3 + 2; i++) {
      expect(
          asAdmin.postJson(
              "/api/pilots", PilotApi.startBody("bench-work-" + unique.incrementAndGet())),
          201);
    }
  }

  /**
   * The reference product as the product stands at 20 pilots ever run: that many pilots run their
   * whole course; what the notification measurement leaves in the product (per round a pilot
   * started and a task worked by the member); then twice what a per-task measurement leaves (pilots
   * started, the member's tasks worked), as the product's measurements at 0 and 20 do.
   */
  private void prepareReference() throws Exception {
    HttpCalls referenceAdmin = reference.as(ADMIN, ADMIN_PASSWORD);
    parallel(2, REFERENCE_PILOTS, i -> runPilotToItsEnd(referenceAdmin, "bench-ref-" + i));
    int rounds = samples / 3 + samples;
    Side member = new Side("reference", null, reference, MEMBER, TEAM, () -> Duration.ZERO);
    for (int round = 0; round < rounds; round++) {
      expect(
          reference.postJson(
              "/api/pilots", PilotApi.startBody("bench-notify-" + unique.incrementAndGet())),
          201);
      workOne(member);
    }
    for (int measurement = 0; measurement < 2; measurement++) {
      endRunningPilots(referenceAdmin);
      startPilotsToWork(referenceAdmin, rounds);
      for (int round = 0; round < rounds; round++) {
        workOne(member);
      }
    }
  }

  /** Works one task; the microseconds of the whole, then of the list, the claim, the submit. */
  private static long[] workOne(Side side) {
    long started = System.nanoTime();
    // a pilot's tasks may come after an async step of its start: waiting is rare, and it would
    // show in the spread
    String list = firstPage(side);
    for (Instant deadline = Instant.now().plusSeconds(60);
        !FIRST_ID.matcher(list).find() && Instant.now().isBefore(deadline);
        list = firstPage(side)) {
      sleep(Duration.ofMillis(100));
    }
    Matcher first = FIRST_ID.matcher(list);
    if (!first.find()) {
      throw new IllegalStateException(
          side.name() + ": no unassigned task of " + side.group() + ": " + list);
    }
    String id = first.group(1);
    long listed = System.nanoTime();
    expect(
        side.http()
            .postJson(
                "/engine-rest/task/" + id + "/claim", "{\"userId\":\"" + side.userId() + "\"}"),
        204);
    long claimed = System.nanoTime();
    expect(
        side.http()
            .postJson("/engine-rest/task/" + id + "/submit-form", TeamWork.body(PilotSteps.done())),
        204);
    long submitted = System.nanoTime();
    return new long[] {
      (submitted - started) / 1000,
      (listed - started) / 1000,
      (claimed - listed) / 1000,
      (submitted - claimed) / 1000
    };
  }

  /** The first page of the team's unassigned tasks, newest first, as a Tasklist filter asks. */
  private static String firstPage(Side side) {
    String list =
        side.http()
            .get(
                "/engine-rest/task?candidateGroup="
                    + side.group()
                    + "&unassigned=true&sortBy=created&sortOrder=desc&firstResult=0&maxResults=15")
            .getBody();
    return list == null ? "" : list;
  }

  // ------------------------------------------------------------------ views

  /**
   * The first page of the pilot overviews, as a member of product management opens them. With no
   * paging yet the parameters are ignored and the whole list comes; a view slower than 30 s is
   * reported as such; one past 5 s, or still sampling after a minute, stops at 3 samples.
   */
  private void measureViews(int size) {
    Map<String, String[]> views = new LinkedHashMap<>();
    views.put("GET /pilots", new String[] {"/pilots?limit=50", "text/html"});
    views.put("GET /api/pilots", new String[] {"/api/pilots?limit=50", "application/json"});
    views.put(
        "GET /api/pilots?status=active",
        new String[] {"/api/pilots?status=active&limit=50", "application/json"});
    views.put(
        "GET /api/pilots?team=" + TEAM,
        new String[] {"/api/pilots?team=" + TEAM + "&limit=50", "application/json"});
    analyze(List.of(product.jdbcUrl(), referenceDb));
    views.forEach(
        (what, call) -> {
          List<Long> micros = new ArrayList<>();
          List<Long> referenceMicros = new ArrayList<>();
          List<Integer> rows = new ArrayList<>();
          List<Integer> referenceRows = new ArrayList<>();
          String[] problem = {null};
          long budget = System.nanoTime() + 60_000_000_000L;
          for (int i = 0; i < VIEW_CALLS && problem[0] == null; i++) {
            // in turns, the order alternating, so both see the machine as it is now
            long took = 0;
            for (boolean ofProduct : i % 2 == 0 ? BOTH : BOTH_REVERSED) {
              long before = System.nanoTime();
              String failure =
                  viewProblem(
                      ofProduct ? product.http() : reference,
                      call,
                      ofProduct ? rows : referenceRows);
              long micro = (System.nanoTime() - before) / 1_000;
              if (failure != null) {
                problem[0] = (ofProduct ? "" : "reference: ") + failure;
              }
              if (i >= 5 || micro > 5_000_000) {
                (ofProduct ? micros : referenceMicros).add(micro);
              }
              took = Math.max(took, micro);
            }
            if ((took > 5_000_000 || System.nanoTime() > budget) && micros.size() >= 3) {
              break;
            }
          }
          report.view(
              size,
              what,
              Stats.of(micros),
              Stats.of(referenceMicros),
              rows.isEmpty() ? 0 : rows.get(rows.size() - 1),
              referenceRows.isEmpty() ? 0 : referenceRows.get(referenceRows.size() - 1),
              problem[0]);
        });
  }

  private static final int VIEW_CALLS = 45;
  private static final boolean[] BOTH = {true, false};
  private static final boolean[] BOTH_REVERSED = {false, true};

  /** What is wrong with the view's answer, or null when it is a 200; its pilots go to rows. */
  private static String viewProblem(HttpCalls http, String[] call, List<Integer> rows) {
    try {
      ResponseEntity<String> answer = http.get(call[0], call[1]);
      if (answer.getStatusCode().value() != 200) {
        return "answered " + answer.getStatusCode().value();
      }
      rows.add(pilotsIn(answer.getBody()));
      return null;
    } catch (RuntimeException e) {
      return "no answer within 30 s";
    }
  }

  /** Pilots on a page: JSON objects with a tenant id, or links to a pilot's page. */
  private static int pilotsIn(String body) {
    Matcher pilot = PILOT_ON_PAGE.matcher(body == null ? "" : body);
    int count = 0;
    while (pilot.find()) {
      count++;
    }
    return count;
  }

  private static final Pattern PILOT_ON_PAGE =
      Pattern.compile("\"tenantId\":|data-label=\"Tenant\"><a href=");

  // ------------------------------------------------------------------ under load

  private void measureStarts() throws Exception {
    underLoad(
        "pilot starts (POST /api/pilots)",
        () ->
            product
                .http()
                .postJson(
                    "/api/pilots", PilotApi.startBody("bench-load-" + unique.incrementAndGet()))
                .getStatusCode()
                .value());
  }

  /** Issue reports to pilots in Phase 2, spread over a few pilots as a busy week brings them. */
  private void measureIssueReports() throws Exception {
    List<String> phase2 = new ArrayList<>();
    RestPilotDriver driver = new RestPilotDriver(admin);
    for (int i = 0; i < PHASE2_PILOTS; i++) {
      String tenant = "bench-phase2-" + i;
      String pilot = driver.start(tenant);
      driver.passPreChecklist(pilot);
      driver.passPhase1(pilot);
      phase2.add(tenant);
    }
    underLoad(
        "issue reports (POST /api/pilots/{t}/issues, " + PHASE2_PILOTS + " pilots)",
        () -> {
          int n = unique.incrementAndGet();
          return product
              .http()
              .postJson(
                  "/api/pilots/" + phase2.get(n % phase2.size()) + "/issues",
                  PilotApi.issueBody("LOAD-" + n, "medium", "backend", "load " + n))
              .getStatusCode()
              .value();
        });
  }

  /**
   * 4 clients of the product against 4 clients starting the plain process (auth on), in turns: a
   * warm-up each, then product, plain, product, plain, half the load time each.
   */
  private void underLoad(String what, Supplier<Integer> productCall) throws Exception {
    Supplier<Integer> plainStart =
        () ->
            plainOn
                .http()
                .postJson(
                    "/engine-rest/process-definition/key/" + PlainApp.PROCESS + "/start", "{}")
                .getStatusCode()
                .value();
    Duration warmUp = load.dividedBy(3);
    Load.run(productCall, 4, warmUp);
    Load.run(plainStart, 4, warmUp);
    Load.Result p = Load.run(productCall, 4, load.dividedBy(2));
    Load.Result b = Load.run(plainStart, 4, load.dividedBy(2));
    p = p.and(Load.run(productCall, 4, load.dividedBy(2)));
    b = b.and(Load.run(plainStart, 4, load.dividedBy(2)));
    report.load(what, p, b);
  }

  // ------------------------------------------------------------------ history cleanup

  /**
   * The engine's history cleanup, triggered as the admin, until no history row past its removal
   * time is left (or 10 minutes); then our own tables, and the database after VACUUM FULL.
   */
  private void measureCleanup(long beforePopulation) throws Exception {
    long populated = databaseBytes(product);
    // every history row past its removal time, not only the instances: the cleanup job deletes
    // table by table, a batch at a time
    String due =
        String.join(
            " + ",
            List.of(
                    "act_hi_procinst",
                    "act_hi_actinst",
                    "act_hi_taskinst",
                    "act_hi_varinst",
                    "act_hi_detail",
                    "act_hi_identitylink",
                    "act_hi_op_log",
                    "act_hi_job_log",
                    "act_ge_bytearray")
                .stream()
                .map(t -> "(select count(*) from " + t + " where removal_time_ <= now())")
                .toList());
    due = "select " + due;
    String ourDue =
        "select count(*) from pilot.pilot_run where ended_at < now() - interval '180 days'";
    int dueBefore;
    int ourDueBefore;
    try (Connection db = DriverManager.getConnection(product.jdbcUrl());
        Statement sql = db.createStatement()) {
      dueBefore = Population.count(sql, due);
      ourDueBefore = Population.count(sql, ourDue);
    }
    Instant start = Instant.now();
    ResponseEntity<String> triggered =
        admin.postJson("/engine-rest/history/cleanup?immediatelyDue=true", "");
    if (triggered.getStatusCode().value() != 200) {
      report.cleanupRefused(triggered.getStatusCode().value() + " " + triggered.getBody());
      return;
    }
    int left = dueBefore;
    int ourLeft = ourDueBefore;
    Instant deadline = start.plus(Duration.ofMinutes(10));
    while ((left > 0 || ourLeft > 0) && Instant.now().isBefore(deadline)) {
      sleep(Duration.ofSeconds(2));
      try (Connection db = DriverManager.getConnection(product.jdbcUrl());
          Statement sql = db.createStatement()) {
        left = Population.count(sql, due);
        ourLeft = Population.count(sql, ourDue);
      }
    }
    Duration took = Duration.between(start, Instant.now());
    try (Connection db = DriverManager.getConnection(product.jdbcUrl());
        Statement sql = db.createStatement()) {
      sql.execute("vacuum full");
    }
    report.cleanup(
        beforePopulation,
        populated,
        databaseBytes(product),
        dueBefore,
        left,
        took,
        ourDueBefore,
        ourLeft);
  }

  // ------------------------------------------------------------------ database figures

  private static long historyBytes(Side side) throws SQLException {
    return single(side, HISTORY_BYTES);
  }

  private static long databaseBytes(Side side) throws SQLException {
    return single(side, "select pg_database_size(current_database())");
  }

  private static int tasksEnded(Side side) throws SQLException {
    return (int) single(side, "select count(*) from act_hi_taskinst where end_time_ is not null");
  }

  private static long single(Side side, String query) throws SQLException {
    try (Connection db = DriverManager.getConnection(side.jdbcUrl());
        var rows = db.createStatement().executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  // ------------------------------------------------------------------ helpers

  private interface Work<T> {
    T apply(int index) throws Exception;
  }

  private static <T> List<T> parallel(int threads, int count, Work<T> work) throws Exception {
    ExecutorService workers = Executors.newFixedThreadPool(threads);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        futures.add(workers.submit(() -> work.apply(index)));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      workers.shutdownNow();
    }
  }

  private static long timed(Runnable work) {
    long start = System.nanoTime();
    work.run();
    return (System.nanoTime() - start) / 1_000;
  }

  private static void expect(ResponseEntity<String> answer, int status) {
    if (answer.getStatusCode().value() != status) {
      throw new IllegalStateException(
          "Expected " + status + ", got " + answer.getStatusCode() + ": " + answer.getBody());
    }
  }

  private static void log(String what) {
    System.out.println(Instant.now() + " bench: " + what);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String machine() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    long memory =
        os instanceof com.sun.management.OperatingSystemMXBean bean ? bean.getTotalMemorySize() : 0;
    return String.format(
        "%d cores, %.0f GiB, %s %s, Java %s",
        os.getAvailableProcessors(),
        memory / 1024.0 / 1024 / 1024,
        os.getName(),
        os.getVersion(),
        System.getProperty("java.version"));
  }
}
