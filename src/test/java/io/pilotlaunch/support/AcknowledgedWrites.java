package io.pilotlaunch.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;

/** What a forked node acknowledged (201, 204) before it was killed, and the check after restart. */
public record AcknowledgedWrites(Set<String> pilots, Set<String> completedTasks) {

  private static final Pattern PROCESS_INSTANCE =
      Pattern.compile("\"processInstanceId\":\"([^\"]+)\"");
  private static final Pattern FIRST_ID = Pattern.compile("^\\[\\{\"id\":\"([^\"]+)\"");

  /**
   * Four clients start pilots and complete a task of each until the node is killed, 6 s in; what
   * was answered 201 or 204 is acknowledged.
   */
  public static AcknowledgedWrites untilKilled(
      ForkedApp app, HttpCalls admin, String prefix, String environment) throws Exception {
    String region = environment.equals("demo") ? "local" : PostgresIntegrationTest.TEST_REGION;
    Set<String> pilots = ConcurrentHashMap.newKeySet();
    Set<String> tasks = ConcurrentHashMap.newKeySet();
    AtomicInteger counter = new AtomicInteger();
    AtomicBoolean running = new AtomicBoolean(true);
    // logged in before the 6 s of writes: the first login hashes the password, 600,000 rounds on
    // the demo, which on a busy machine took most of the 6 s
    admin.get("/engine-rest/task/count");
    ExecutorService clients = Executors.newFixedThreadPool(4);
    for (int c = 0; c < 4; c++) {
      clients.submit(
          () -> {
            while (running.get()) {
              String tenant = prefix + "-" + counter.incrementAndGet();
              try {
                ResponseEntity<String> started =
                    admin.postJson("/api/pilots", PilotApi.startBody(tenant, environment, region));
                if (started.getStatusCode().value() != 201) {
                  continue;
                }
                pilots.add(tenant);
                Matcher instance = PROCESS_INSTANCE.matcher(started.getBody());
                instance.find();
                Matcher task =
                    FIRST_ID.matcher(
                        admin
                            .get("/engine-rest/task?processInstanceId=" + instance.group(1))
                            .getBody());
                if (task.find()
                    && admin
                            .postJson(
                                "/engine-rest/task/" + task.group(1) + "/complete",
                                TeamWork.body(PilotSteps.done()))
                            .getStatusCode()
                            .value()
                        == 204) {
                  tasks.add(task.group(1));
                }
              } catch (RuntimeException killedMidRequest) {
                // no answer, nothing acknowledged
              }
            }
            return null;
          });
    }
    Thread.sleep(6_000);
    app.kill();
    running.set(false);
    clients.shutdown();
    assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    assertThat(pilots).as("pilots acknowledged before the kill").hasSizeGreaterThan(4);
    return new AcknowledgedWrites(Set.copyOf(pilots), Set.copyOf(tasks));
  }

  /** Every acknowledged pilot and task completion is there, read through this admin. */
  public void assertAllPresent(HttpCalls admin) {
    for (String tenant : pilots) {
      assertThat(admin.get("/api/pilots/" + tenant).getStatusCode().value())
          .as("acknowledged pilot " + tenant)
          .isEqualTo(200);
    }
    for (String task : completedTasks) {
      assertThat(admin.get("/engine-rest/history/task?taskId=" + task + "&finished=true").getBody())
          .as("acknowledged completion of task " + task)
          .contains("\"id\":\"" + task + "\"");
    }
  }
}
