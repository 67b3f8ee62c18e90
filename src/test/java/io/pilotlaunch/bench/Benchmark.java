package io.pilotlaunch.bench;

import static org.awaitility.Awaitility.await;

import io.pilotlaunch.PilotLaunchApplication;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Elements;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Messages;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import io.pilotlaunch.support.EmbeddedPostgresDatabase;
import io.pilotlaunch.support.ForkedApp;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PilotApi;
import io.pilotlaunch.support.PilotDriver;
import io.pilotlaunch.support.PilotSteps;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.support.SqlRecorder;
import io.pilotlaunch.support.TenantHealthServer;
import io.pilotlaunch.teams.Team;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;

/**
 * The product against the plain engine, in one JVM and one run, on a real PostgreSQL: per task, per
 * query, per start and per issue report, at growing numbers of pilots, interleaved so that the
 * noise of this shared machine hits both alike. Only ratios are compared. Writes
 * docs/benchmarks.md. Not a test: it asserts nothing about time. Run: {@code mvn -Pbench verify}.
 *
 * <p>The baseline is a process of five plain user tasks in parallel (as the pre-checklist) with a
 * candidate group, no forms, listeners or delegates, deployed into the same engine, with
 * authorization on; its user calls /engine-rest like a team member.
 */
public final class Benchmark {

  private static final String BASELINE = "BenchBaseline";
  private static final String BASELINE_GROUP = "bench-team";
  private static final String BASELINE_USER = "bench-base";
  private static final String PM = "bench-pm";
  private static final int PHASE2_PILOTS = 32;
  private static final String PASSWORD = "Bench-password-1";

  private final List<Integer> sizes;
  private final Duration load;
  private final SqlRecorder sql = new SqlRecorder();
  private final Report report = new Report();
  private ConfigurableApplicationContext app;
  private HttpCalls pm;
  private HttpCalls base;
  private PilotDriver pilots;
  private int pilotsEver;
  private int baselinesEver;
  private final AtomicInteger unique = new AtomicInteger();

  private Benchmark(List<Integer> sizes, Duration load) {
    this.sizes = sizes;
    this.load = load;
  }

  public static void main(String[] args) throws Exception {
    List<Integer> sizes =
        Arrays.stream(System.getProperty("bench.sizes", "0,1000,10000").split(","))
            .map(String::trim)
            .map(Integer::parseInt)
            .toList();
    Duration load = Duration.parse(System.getProperty("bench.load", "PT30S"));
    Path output = Path.of(System.getProperty("bench.output", "docs/benchmarks.md"));
    Benchmark benchmark = new Benchmark(sizes, load);
    try {
      benchmark.run();
    } finally {
      benchmark.stop();
    }
    Files.writeString(output, benchmark.report.markdown(sizes, load));
    System.out.println(benchmark.report.markdown(sizes, load));
    System.out.println("Written: " + output.toAbsolutePath());
    System.exit(0);
  }

  private void run() throws Exception {
    Instant started = Instant.now();
    startApp();
    report.startup(startupInFork());
    for (int size : sizes) {
      populate(size);
      measurePerTask(size);
      measureQueries(size);
    }
    report.plans(slowestQueriesExplained(sizes.get(sizes.size() - 1)));
    measureStarts();
    measureIssueReports();
    report.took(Duration.between(started, Instant.now()));
  }

  // ------------------------------------------------------------------ the app and its users

  private void startApp() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("server.port", "0");
    properties.put("spring.datasource.url", EmbeddedPostgresDatabase.jdbcUrl());
    properties.put("spring.datasource.username", EmbeddedPostgresDatabase.USER);
    properties.put("spring.datasource.password", "");
    properties.put("camunda.bpm.admin-user.password", "Bench-secret-42");
    properties.put("pilot.webhooks.git-secret", PostgresIntegrationTest.WEBHOOK_SECRET);
    properties.put("pilot.environments[0].name", PostgresIntegrationTest.TEST_ENVIRONMENT);
    properties.put("pilot.environments[0].regions", PostgresIntegrationTest.TEST_REGION);
    properties.put("pilot.environments[0].base-url-pattern", TenantHealthServer.baseUrlPattern());
    properties.put("logging.level.root", "WARN");
    properties.put("logging.level.io.pilotlaunch.bench", "INFO");
    app =
        new SpringApplicationBuilder(PilotLaunchApplication.class)
            .profiles("postgres")
            .initializers(
                context -> context.getBeanFactory().addBeanPostProcessor(sql.wrapDataSource()))
            // as command-line arguments: they win over application.yaml, as in the forked tests
            .run(
                properties.entrySet().stream()
                    .map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new));
    int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    String url = "http://localhost:" + port;
    pilots = new PilotDriver(bean(RuntimeService.class), bean(TaskService.class));
    user(PM, Team.PRODUCT_MANAGEMENT.groupId());
    user(BASELINE_USER, BASELINE_GROUP);
    // the allow-list lets only team members work tasks and only the owners start processes
    bean(IdentityService.class).createMembership(BASELINE_USER, Team.PRODUCT_MANAGEMENT.groupId());
    deployBaseline();
    pm = new HttpCalls(url).as(PM, PASSWORD);
    base = new HttpCalls(url).as(BASELINE_USER, PASSWORD);
  }

  private void stop() {
    if (app != null) {
      app.close();
    }
  }

  private <T> T bean(Class<T> type) {
    return app.getBean(type);
  }

  private void user(String userId, String groupId) {
    IdentityService identity = bean(IdentityService.class);
    if (identity.createGroupQuery().groupId(groupId).count() == 0) {
      identity.saveGroup(identity.newGroup(groupId));
    }
    if (identity.createUserQuery().userId(userId).count() == 0) {
      User user = identity.newUser(userId);
      user.setPassword(PASSWORD);
      identity.saveUser(user);
      identity.createMembership(userId, groupId);
    }
  }

  /**
   * Five user tasks for one candidate group, and the grants its team needs to start and work it.
   */
  private void deployBaseline() {
    // in parallel, as the pre-checklist: a start creates as many tasks as a pilot's start does
    AbstractFlowNodeBuilder<?, ?> flow =
        Bpmn.createExecutableProcess(BASELINE)
            .camundaHistoryTimeToLive(180)
            .startEvent()
            .parallelGateway("Gateway_Split")
            .userTask("Task_1")
            .camundaCandidateGroups(BASELINE_GROUP)
            .parallelGateway("Gateway_Join")
            .endEvent();
    for (int i = 2; i <= PilotSteps.PRE_CHECKLIST.size(); i++) {
      flow =
          flow.moveToNode("Gateway_Split")
              .userTask("Task_" + i)
              .camundaCandidateGroups(BASELINE_GROUP)
              .connectTo("Gateway_Join");
    }
    bean(RepositoryService.class)
        .createDeployment()
        .addModelInstance(BASELINE + ".bpmn", flow.done())
        .enableDuplicateFiltering(true)
        .deploy();
    AuthorizationService authorizations = bean(AuthorizationService.class);
    if (authorizations
            .createAuthorizationQuery()
            .groupIdIn(BASELINE_GROUP)
            .resourceType(Resources.PROCESS_DEFINITION)
            .resourceId(BASELINE)
            .count()
        == 0) {
      grant(
          authorizations,
          Resources.PROCESS_DEFINITION,
          BASELINE,
          ProcessDefinitionPermissions.READ,
          ProcessDefinitionPermissions.CREATE_INSTANCE);
      grant(authorizations, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    }
  }

  private static void grant(
      AuthorizationService authorizations,
      Resources resource,
      String id,
      org.camunda.bpm.engine.authorization.Permission... permissions) {
    Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setGroupId(BASELINE_GROUP);
    grant.setResource(resource);
    grant.setResourceId(id);
    Arrays.stream(permissions).forEach(grant::addPermission);
    authorizations.saveAuthorization(grant);
  }

  // ------------------------------------------------------------------ population

  /**
   * Brings both to {@code size} runs ever: pilots that were started and ended (aborted before
   * onboarding, their rollback confirmed), and as many baseline instances run to their end.
   */
  private void populate(int size) throws Exception {
    int pilotsToAdd = size - pilotsEver;
    if (pilotsToAdd <= 0) {
      return;
    }
    Instant start = Instant.now();
    RuntimeService runtime = bean(RuntimeService.class);
    TaskService tasks = bean(TaskService.class);
    List<String> aborted =
        parallel(
            pilotsToAdd,
            i -> {
              String instance = pilots.start("bench-" + size + "-" + i);
              runtime
                  .createMessageCorrelation(Messages.ABORT_PILOT)
                  .processInstanceId(instance)
                  .setVariable(Variables.ABORT_REASON, "benchmark population")
                  .correlate();
              return instance;
            });
    // Earlier populations completed their rollback tasks, so every open one belongs to this batch.
    await()
        .atMost(Duration.ofMinutes(30))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                tasks
                        .createTaskQuery()
                        .taskDefinitionKey(Elements.TASK_CONFIRM_ROLLBACK_COMPLETE)
                        .count()
                    == aborted.size());
    parallel(
        aborted.size(),
        i -> {
          Task rollback =
              tasks
                  .createTaskQuery()
                  .processInstanceId(aborted.get(i))
                  .taskDefinitionKey(Elements.TASK_CONFIRM_ROLLBACK_COMPLETE)
                  .singleResult();
          tasks.complete(rollback.getId(), PilotSteps.done());
          return null;
        });
    parallel(
        size - baselinesEver,
        i -> {
          String instance = runtime.startProcessInstanceByKey(BASELINE).getId();
          tasks
              .createTaskQuery()
              .processInstanceId(instance)
              .list()
              .forEach(task -> tasks.complete(task.getId()));
          return null;
        });
    pilotsEver = size;
    baselinesEver = size;
    report.population(size, Duration.between(start, Instant.now()));
  }

  private static <T> List<T> parallel(int count, IntFunction<T> work) throws Exception {
    ExecutorService workers = Executors.newFixedThreadPool(4);
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

  // ------------------------------------------------------------------ a. per task

  /**
   * A team member works a task as Tasklist does: its team's query, claim, submit the form. The
   * baseline user does the same with its plain tasks. Alternating, after a warm-up.
   */
  private void measurePerTask(int size) throws Exception {
    int samples = 30;
    int warmUp = 10;
    for (int i = 0; i < (samples + warmUp) / 3 + 2; i++) {
      pilots.start("bench-work-" + size + "-" + i);
    }
    for (int i = 0; i < (samples + warmUp) / 5 + 2; i++) {
      expect(
          base.postJson("/engine-rest/process-definition/key/" + BASELINE + "/start", "{}"), 200);
    }
    List<Long> product = new ArrayList<>();
    List<Long> baseline = new ArrayList<>();
    for (int i = 0; i < samples + warmUp; i++) {
      long p = timed(() -> workOne(pm, PM, Team.PRODUCT_MANAGEMENT.groupId(), PilotSteps.done()));
      long b = timed(() -> workOne(base, BASELINE_USER, BASELINE_GROUP, Map.of()));
      if (i >= warmUp) {
        product.add(p);
        baseline.add(b);
      }
    }
    report.perTask(size, Stats.of(product), Stats.of(baseline));
  }

  private void workOne(HttpCalls calls, String userId, String group, Map<String, Object> form) {
    String list =
        calls
            .get("/engine-rest/task?candidateGroup=" + group + "&unassigned=true&maxResults=15")
            .getBody();
    if (!list.startsWith("[{\"id\":\"")) {
      throw new IllegalStateException(
          userId
              + " has no unassigned task of "
              + group
              + ": "
              + list
              + "; the engine has "
              + bean(TaskService.class).createTaskQuery().taskCandidateGroup(group).count());
    }
    String id = list.replaceFirst("(?s)^\\[\\{\"id\":\"([^\"]+)\".*$", "$1");
    expect(
        calls.postJson("/engine-rest/task/" + id + "/claim", "{\"userId\":\"" + userId + "\"}"),
        204);
    String variables =
        form.entrySet().stream()
            .map(e -> "\"" + e.getKey() + "\":{\"value\":" + json(e.getValue()) + "}")
            .collect(Collectors.joining(",", "{\"variables\":{", "}}"));
    expect(calls.postJson("/engine-rest/task/" + id + "/submit-form", variables), 204);
  }

  // ------------------------------------------------------------------ b. queries

  private void measureQueries(int size) {
    int samples = 40;
    String tenant = "bench-work-" + size + "-0";
    Map<String, List<Long>> times = new LinkedHashMap<>();
    boolean explain = size == sizes.get(sizes.size() - 1);
    if (explain) {
      sql.recordEverywhere();
    }
    for (int i = 0; i < samples + 10; i++) {
      Map<String, Long> round = new LinkedHashMap<>();
      round.put(
          "task query",
          timed(
              () ->
                  expect(
                      pm.get("/engine-rest/task?candidateGroup=product-management&maxResults=15"),
                      200)));
      round.put(
          "baseline task query",
          timed(
              () ->
                  expect(
                      base.get(
                          "/engine-rest/task?candidateGroup=" + BASELINE_GROUP + "&maxResults=15"),
                      200)));
      round.put(
          "task count",
          timed(
              () ->
                  expect(
                      pm.get("/engine-rest/task/count?candidateGroup=product-management"), 200)));
      round.put(
          "baseline task count",
          timed(
              () ->
                  expect(
                      base.get("/engine-rest/task/count?candidateGroup=" + BASELINE_GROUP), 200)));
      round.put("GET /api/pilots/{t}", timed(() -> expect(pm.get("/api/pilots/" + tenant), 200)));
      if (i >= 10) {
        round.forEach((what, ms) -> times.computeIfAbsent(what, k -> new ArrayList<>()).add(ms));
      }
    }
    if (explain) {
      report.recorded(sql.stopEverywhere());
    }
    times.forEach((what, ms) -> report.query(size, what, Stats.of(ms)));
  }

  /**
   * The three statements with the highest mean time at the largest size, explained by PostgreSQL.
   */
  private List<String> slowestQueriesExplained(int size) throws Exception {
    Map<String, List<SqlRecorder.Statement>> bySql =
        report.recorded().stream()
            .filter(s -> s.sql().trim().toLowerCase().startsWith("select"))
            .collect(Collectors.groupingBy(SqlRecorder.Statement::sql));
    List<List<SqlRecorder.Statement>> slowest =
        bySql.values().stream()
            .sorted(
                Comparator.comparingDouble(
                    (List<SqlRecorder.Statement> runs) ->
                        -runs.stream()
                            .mapToLong(SqlRecorder.Statement::millis)
                            .average()
                            .orElse(0)))
            .limit(3)
            .toList();
    List<String> plans = new ArrayList<>();
    try (Connection connection = bean(DataSource.class).getConnection()) {
      for (List<SqlRecorder.Statement> runs : slowest) {
        SqlRecorder.Statement statement = runs.get(0);
        StringBuilder plan = new StringBuilder();
        plan.append(
            String.format(
                "Mean %.1f ms over %d runs at %d pilots:%n%n```sql%n%s%n```%n%n```%n",
                runs.stream().mapToLong(SqlRecorder.Statement::millis).average().orElse(0),
                runs.size(),
                size,
                statement
                    .sql()
                    .strip()
                    .replaceAll("\\s*\\n\\s*", "\n")
                    .replaceAll("[ \\t]+", " ")));
        try (PreparedStatement explain =
            connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + statement.sql())) {
          for (int i = 0; i < statement.values().size(); i++) {
            explain.setObject(i + 1, statement.values().get(i));
          }
          try (ResultSet rows = explain.executeQuery()) {
            while (rows.next()) {
              plan.append(rows.getString(1)).append('\n');
            }
          }
        }
        plans.add(plan.append("```\n").toString());
      }
    }
    return plans;
  }

  // ------------------------------------------------------------------ c. under load

  /**
   * Pilot starts through /api against plain process starts through /engine-rest, 4 clients each.
   */
  private void measureStarts() throws Exception {
    underLoad(
        "pilot starts (POST /api/pilots)",
        "pilot starts",
        () ->
            pm.postJson("/api/pilots", PilotApi.startBody("bench-load-" + unique.incrementAndGet()))
                .getStatusCode()
                .value());
  }

  /**
   * Issue reports to pilots in Phase 2 against plain process starts, 4 clients each. Every report
   * opens an issue track that stays open, and the engine reads a pilot's whole execution tree on
   * each correlation; 32 pilots keep that at a few dozen open issues each, as a busy pilot has.
   */
  private void measureIssueReports() throws Exception {
    List<String> phase2 = new ArrayList<>();
    for (int i = 0; i < PHASE2_PILOTS; i++) {
      String tenant = "bench-phase2-" + i;
      String instance = pilots.start(tenant);
      pilots.passPreChecklist(instance);
      pilots.passPhase1(instance);
      phase2.add(tenant);
    }
    underLoad(
        "issue reports (POST /api/pilots/{t}/issues, " + PHASE2_PILOTS + " pilots)",
        "issue reports",
        () -> {
          int n = unique.incrementAndGet();
          return pm.postJson(
                  "/api/pilots/" + phase2.get(n % phase2.size()) + "/issues",
                  PilotApi.issueBody("LOAD-" + n, "medium", "backend", "load " + n))
              .getStatusCode()
              .value();
        });
  }

  /**
   * The product's calls against plain process starts, in turns, then a profile of the product's
   * calls alone.
   */
  private void underLoad(String what, String profiled, Supplier<Integer> product) throws Exception {
    Supplier<Integer> baselineStart =
        () ->
            base.postJson("/engine-rest/process-definition/key/" + BASELINE + "/start", "{}")
                .getStatusCode()
                .value();
    Load.Result[] results = interleaved(product, baselineStart);
    report.load(what, results[0], results[1]);
    report.hotspots(profiled, Profile.of(() -> Load.run(product, 4, load.dividedBy(3))));
  }

  /** Warm-up, then the product and the baseline in turns, half the load time each turn. */
  private Load.Result[] interleaved(Supplier<Integer> product, Supplier<Integer> baseline)
      throws Exception {
    Duration warmUp = load.dividedBy(3);
    Load.run(product, 4, warmUp);
    Load.run(baseline, 4, warmUp);
    Load.Result p = Load.run(product, 4, load.dividedBy(2));
    Load.Result b = Load.run(baseline, 4, load.dividedBy(2));
    return new Load.Result[] {
      p.and(Load.run(product, 4, load.dividedBy(2))),
      b.and(Load.run(baseline, 4, load.dividedBy(2)))
    };
  }

  // ------------------------------------------------------------------ d. start-up and memory

  private Report.Startup startupInFork() {
    long before = System.nanoTime();
    try (ForkedApp fork =
        ForkedApp.start(
            "--spring.profiles.active=postgres",
            "--spring.datasource.url=" + EmbeddedPostgresDatabase.jdbcUrl(),
            "--spring.datasource.username=" + EmbeddedPostgresDatabase.USER,
            "--camunda.bpm.admin-user.password=Bench-secret-42",
            "--camunda.bpm.job-execution.enabled=false")) {
      Duration started = Duration.ofNanos(System.nanoTime() - before);
      sleep(Duration.ofSeconds(10));
      return new Report.Startup(started, fork.residentMebibytes());
    }
  }

  // ------------------------------------------------------------------ helpers

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

  private static String json(Object value) {
    return value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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

  static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().toList();
  }
}
