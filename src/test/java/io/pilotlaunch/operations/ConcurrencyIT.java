package io.pilotlaunch.operations;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_TRIAGE_PILOT_ISSUE;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PilotApi;
import io.pilotlaunch.support.PilotSteps;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.support.TeamWork;
import io.pilotlaunch.support.WebappSession;
import io.pilotlaunch.teams.Team;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Many clients on the same pilots at once, as ticketing, monitoring and a team of people are: no
 * answer is a 5xx, every write is recorded exactly once, and the loser of a race on one task hears
 * 409 with the task's name.
 */
class ConcurrencyIT extends PostgresIntegrationTest {

  private static final int CLIENTS = 8;

  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired JdbcTemplate jdbc;

  @Test
  void issueReportsFromEightClientsAreRecordedExactlyOnce() throws Exception {
    int pilotCount = 100;
    int reportCount = 500;
    List<String> tenants = IntStream.range(0, pilotCount).mapToObj(i -> "race-" + i).toList();
    Map<String, String> instanceByTenant = new ConcurrentHashMap<>();
    inParallel(
        tenants.stream()
            .map(
                tenant ->
                    (Callable<Void>)
                        () -> {
                          String instance = pilots.start(tenant);
                          pilots.passPreChecklist(instance);
                          pilots.passPhase1(instance);
                          instanceByTenant.put(tenant, instance);
                          return null;
                        })
            .toList());

    // every tenth report repeats an earlier one, as a ticketing system that sends again does
    Random random = new Random(12);
    List<String[]> reports = new ArrayList<>();
    for (int i = 0; i < reportCount; i++) {
      String tenant = tenants.get(random.nextInt(pilotCount));
      reports.add(
          i % 10 == 9
              ? reports.get(random.nextInt(reports.size()))
              : new String[] {tenant, "R-" + i});
    }
    HttpCalls pm = productManager("race-pm");
    List<ResponseEntity<String>> answers =
        inParallel(
            reports.stream()
                .map(
                    report ->
                        (Callable<ResponseEntity<String>>)
                            () ->
                                pm.postJson(
                                    "/api/pilots/" + report[0] + "/issues",
                                    PilotApi.issueBody(report[1], "medium", "backend", "race")))
                .toList());

    Map<Integer, Long> statuses = new TreeMap<>();
    answers.forEach(answer -> statuses.merge(answer.getStatusCode().value(), 1L, Long::sum));
    Map<String, List<String>> idsByTenant = new TreeMap<>();
    reports.stream()
        .distinct()
        .forEach(r -> idsByTenant.computeIfAbsent(r[0], t -> new ArrayList<>()).add(r[1]));
    long distinct = idsByTenant.values().stream().mapToLong(List::size).sum();
    assertThat(statuses)
        .as("answers by status; bodies of the others: %s", failures(answers))
        .containsOnlyKeys(200, 201)
        .containsEntry(201, distinct)
        .containsEntry(200, reportCount - distinct);
    idsByTenant.forEach(
        (tenant, ids) -> {
          assertThat(
                  jdbc.queryForList(
                      "select external_id from pilot.pilot_issue where tenant_id = ?",
                      String.class,
                      tenant))
              .as("issue rows of " + tenant)
              .containsExactlyInAnyOrderElementsOf(ids);
          assertThat(pm.get("/api/pilots/" + tenant + "/issues").getBody())
              .as("issues of " + tenant + " through the API")
              .contains(ids.stream().map(id -> "\"externalId\":\"" + id + "\"").toList());
          assertThat(
                  taskService
                      .createTaskQuery()
                      .processInstanceId(instanceByTenant.get(tenant))
                      .taskDefinitionKey(TASK_TRIAGE_PILOT_ISSUE)
                      .count())
              .as("issue tracks in the engine for " + tenant)
              .isEqualTo(ids.size());
        });
    assertThat(
            instanceByTenant.values().stream()
                .mapToLong(
                    instance ->
                        managementService
                            .createJobQuery()
                            .processInstanceId(instance)
                            .withException()
                            .count())
                .sum())
        .as("failed jobs of these pilots (other tests leave incidents of their own)")
        .isZero();
  }

  @Test
  void twoClicksOnOneTaskCompleteItOnceAndTellTheOtherWhy() throws Exception {
    TeamWork first = new TeamWork(http(), users, taskService, "first-click");
    TeamWork second = new TeamWork(http(), users, taskService, "second-click");
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String instance = pilots.start("two-clicks-" + i);
      tasks.addAll(taskService.createTaskQuery().processInstanceId(instance).list());
    }
    assertThat(tasks).hasSize(50);

    ExecutorService clicks = Executors.newFixedThreadPool(2);
    try {
      for (Task task : tasks) {
        Team team = first.teamOf(task);
        CyclicBarrier together = new CyclicBarrier(2);
        String path = "/engine-rest/task/" + task.getId() + "/complete";
        String body = TeamWork.body(PilotSteps.done());
        Future<ResponseEntity<String>> a =
            clicks.submit(
                () -> {
                  together.await();
                  return first.as(team).postJson(path, body);
                });
        Future<ResponseEntity<String>> b =
            clicks.submit(
                () -> {
                  together.await();
                  return second.as(team).postJson(path, body);
                });
        List<ResponseEntity<String>> both = List.of(a.get(), b.get());
        List<Integer> statuses =
            both.stream().map(answer -> answer.getStatusCode().value()).sorted().toList();
        assertThat(statuses)
            .as("two clicks on %s: %s", task.getName(), both)
            .containsExactly(204, 409);
        ResponseEntity<String> loser =
            both.stream().filter(answer -> answer.getStatusCode().value() == 409).findFirst().get();
        assertThat(loser.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(loser.getBody()).contains(task.getId(), "\"status\":409");
      }
    } finally {
      clicks.shutdownNow();
    }
  }

  /**
   * A double click on "Claim", forty times over: one claim wins, the others hear that the task is
   * already theirs (the grant the engine adds for the assignee collides on its unique key when they
   * run at the same instant). Through Tasklist's own API, as Tasklist sends it, and through
   * /engine-rest; then a teammate's claim hears who has the task.
   */
  @Test
  void fortyClaimsOfOneTaskByOneUserAtOnceGiveOneClaimAndThirtyNineConflicts() throws Exception {
    TeamWork teams = new TeamWork(http(), users, taskService, "forty-claims");
    TeamWork teammates = new TeamWork(http(), users, taskService, "forty-claims-mate");
    String instance = pilots.start("forty-claims");
    List<Task> tasks = taskService.createTaskQuery().processInstanceId(instance).list();
    Task inTasklist = tasks.get(0);
    Task overRest = tasks.get(1);
    String member = teams.member(teams.teamOf(inTasklist));
    WebappSession tasklist =
        WebappSession.logIn(
            "http://localhost:" + port,
            member,
            io.pilotlaunch.support.TestUsers.passwordOf(member));
    String claimer = teams.member(teams.teamOf(overRest));
    HttpCalls rest = teams.as(teams.teamOf(overRest));

    assertOneClaimWins(
        inTasklist,
        member,
        () ->
            tasklist.send(
                "POST",
                "/camunda/api/engine/engine/default/task/" + inTasklist.getId() + "/claim",
                "{\"userId\":\"" + member + "\"}"));
    assertOneClaimWins(
        overRest,
        claimer,
        () ->
            rest.postJson(
                "/engine-rest/task/" + overRest.getId() + "/claim",
                "{\"userId\":\"" + claimer + "\"}"));

    Team team = teams.teamOf(overRest);
    ResponseEntity<String> teammate =
        teammates
            .as(team)
            .postJson(
                "/engine-rest/task/" + overRest.getId() + "/claim",
                "{\"userId\":\"" + teammates.member(team) + "\"}");
    assertThat(teammate.getStatusCode().value()).as(teammate.getBody()).isEqualTo(409);
    assertThat(teammate.getBody()).contains("is already claimed by " + claimer);
  }

  private void assertOneClaimWins(Task task, String userId, Callable<ResponseEntity<String>> claim)
      throws Exception {
    int claims = 40;
    CyclicBarrier together = new CyclicBarrier(claims);
    ExecutorService clicks = Executors.newFixedThreadPool(claims);
    List<ResponseEntity<String>> answers = new ArrayList<>();
    try {
      List<Future<ResponseEntity<String>>> sent = new ArrayList<>();
      for (int i = 0; i < claims; i++) {
        sent.add(
            clicks.submit(
                () -> {
                  together.await();
                  return claim.call();
                }));
      }
      for (Future<ResponseEntity<String>> answer : sent) {
        answers.add(answer.get(2, TimeUnit.MINUTES));
      }
    } finally {
      clicks.shutdownNow();
    }
    Map<Integer, Long> statuses = new TreeMap<>();
    answers.forEach(answer -> statuses.merge(answer.getStatusCode().value(), 1L, Long::sum));
    assertThat(statuses)
        .as("claims of %s by status; others: %s", task.getName(), failures(answers))
        .isEqualTo(Map.of(204, 1L, 409, claims - 1L));
    assertThat(answers)
        .filteredOn(answer -> answer.getStatusCode().value() == 409)
        .allSatisfy(
            answer ->
                assertThat(answer.getBody())
                    .contains(task.getId())
                    .containsAnyOf("is already claimed by you", "at the same moment"));
    assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee())
        .isEqualTo(userId);
  }

  @Test
  void eightWorkersOnTheParallelItemsOfThePilotsAllSucceed() throws Exception {
    TeamWork teams = new TeamWork(http(), users, taskService, "parallel-worker");
    List<String> instances = new ArrayList<>();
    List<Task> items = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String instance = pilots.start("parallel-items-" + i);
      instances.add(instance);
      items.addAll(taskService.createTaskQuery().processInstanceId(instance).list());
    }
    Collections.shuffle(items, new Random(7));
    String body = TeamWork.body(PilotSteps.done());
    HttpCalls reader = productManager("parallel-reader");
    AtomicBoolean working = new AtomicBoolean(true);
    List<ResponseEntity<String>> reads = Collections.synchronizedList(new ArrayList<>());
    Thread readsMeanwhile =
        new Thread(
            () -> {
              while (working.get()) {
                reads.add(reader.get("/api/pilots"));
                reads.add(reader.get("/api/pilots/parallel-items-0"));
              }
            });
    readsMeanwhile.start();
    List<ResponseEntity<String>> answers;
    try {
      answers =
          inParallel(
              items.stream()
                  .map(
                      task ->
                          (Callable<ResponseEntity<String>>)
                              () ->
                                  teams
                                      .as(teams.teamOf(task))
                                      .postJson(
                                          "/engine-rest/task/" + task.getId() + "/complete", body))
                  .toList());
    } finally {
      working.set(false);
      readsMeanwhile.join();
    }

    assertThat(answers)
        .as("completions: %s", failures(answers))
        .allSatisfy(answer -> assertThat(answer.getStatusCode().value()).isEqualTo(204));
    assertThat(reads)
        .as("reads while tasks completed: %s", failures(reads))
        .isNotEmpty()
        .allSatisfy(answer -> assertThat(answer.getStatusCode().value()).isEqualTo(200));
    for (String instance : instances) {
      assertThat(
              taskService
                  .createTaskQuery()
                  .processInstanceId(instance)
                  .taskDefinitionKeyIn(PilotSteps.PRE_CHECKLIST.toArray(String[]::new))
                  .count())
          .as("pre-checklist items left open")
          .isZero();
      assertThat(runtimeService.createIncidentQuery().processInstanceId(instance).count()).isZero();
    }
  }

  private HttpCalls productManager(String userId) {
    users.memberOf(Team.PRODUCT_MANAGEMENT, userId);
    return http().as(userId, io.pilotlaunch.support.TestUsers.passwordOf(userId));
  }

  private static <T> List<T> inParallel(List<Callable<T>> work) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<T>> futures = clients.invokeAll(work, 10, TimeUnit.MINUTES);
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      clients.shutdownNow();
    }
  }

  private static List<String> failures(List<ResponseEntity<String>> answers) {
    return answers.stream()
        .filter(answer -> answer.getStatusCode().value() >= 300)
        .map(answer -> answer.getStatusCode().value() + " " + answer.getBody())
        .distinct()
        .limit(5)
        .toList();
  }
}
