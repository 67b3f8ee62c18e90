package io.pilotlaunch.pilot;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_CONFIRM_ONBOARDING_PR_MERGED;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_EXECUTE_ONBOARDING_VERIFICATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.support.PilotApi;
import io.pilotlaunch.support.PostgresIntegrationTest;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** A signed git delivery is accepted once and only while fresh: a replay later closes nothing. */
class GitWebhookReplayIT extends PostgresIntegrationTest {

  @Autowired TaskService taskService;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aReplayedDeliveryClosesNoPilotThatWaitsLater() {
    String first = waitingForTheOnboardingMerge("replay-first");
    String merge =
        PilotApi.mergeBody(
            MvpPilotLaunchProcess.PHASE1_BRANCH, MvpPilotLaunchProcess.INTEGRATION_BRANCH);
    String[] headers = PilotApi.gitHostHeaders(merge);

    ResponseEntity<String> delivered = gitHost(merge, headers);
    assertThat(delivered.getStatusCode().value()).as(delivered.getBody()).isEqualTo(200);
    assertThat(pilots.awaitTask(first, TASK_EXECUTE_ONBOARDING_VERIFICATION)).isNotNull();
    Map<String, Object> recorded =
        jdbc.queryForMap(
            "select repository, pull_request_number, source_branch, url from pilot.git_webhook_delivery where delivery_id = ?",
            headers[3]);
    assertThat(recorded)
        .containsEntry("repository", "acme/pilot-app")
        .containsEntry("source_branch", MvpPilotLaunchProcess.PHASE1_BRANCH);
    assertThat(merge).contains("\"number\": " + recorded.get("pull_request_number") + ",");

    // Later another pilot waits for the same branch; an attacker replays what the git host sent.
    String later = waitingForTheOnboardingMerge("replay-later");
    ResponseEntity<String> sameDelivery = gitHost(merge, headers);
    ResponseEntity<String> newDeliveryId = gitHost(merge, PilotApi.gitHostHeaders(merge));

    assertThat(sameDelivery.getStatusCode().value()).as(sameDelivery.getBody()).isEqualTo(409);
    assertThat(sameDelivery.getBody()).contains("received already");
    assertThat(newDeliveryId.getStatusCode().value()).as(newDeliveryId.getBody()).isEqualTo(409);
    assertThat(
            taskService
                .createTaskQuery()
                .processInstanceId(later)
                .taskDefinitionKey(TASK_CONFIRM_ONBOARDING_PR_MERGED)
                .count())
        .as("the later pilot still waits")
        .isOne();
  }

  @Test
  void aStaleOrRefusedDeliveryIsNotRecordedAndCorrelatesNothing() {
    String waiting = waitingForTheOnboardingMerge("replay-stale");
    long deliveries =
        jdbc.queryForObject("select count(*) from pilot.git_webhook_delivery", Long.class);
    String stale =
        PilotApi.mergeBody(
            MvpPilotLaunchProcess.PHASE1_BRANCH,
            MvpPilotLaunchProcess.INTEGRATION_BRANCH,
            Instant.now().minusSeconds(2 * 3600));

    ResponseEntity<String> refused = gitHost(stale, PilotApi.gitHostHeaders(stale));
    ResponseEntity<String> unsigned =
        http()
            .post(
                "/api/webhooks/git", "application/json", stale, "X-GitHub-Delivery", "unsigned-1");

    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(refused.getBody()).contains("too old", "PT1H");
    assertThat(unsigned.getStatusCode().value()).isEqualTo(401);
    assertThat(jdbc.queryForObject("select count(*) from pilot.git_webhook_delivery", Long.class))
        .isEqualTo(deliveries);
    assertThat(
            taskService
                .createTaskQuery()
                .processInstanceId(waiting)
                .taskDefinitionKey(TASK_CONFIRM_ONBOARDING_PR_MERGED)
                .count())
        .isOne();
  }

  private String waitingForTheOnboardingMerge(String tenantId) {
    String pilot = pilots.start(tenantId);
    pilots.passPreChecklist(pilot);
    pilots.awaitTask(pilot, TASK_CONFIRM_ONBOARDING_PR_MERGED);
    return pilot;
  }

  private ResponseEntity<String> gitHost(String body, String[] headers) {
    return http().post("/api/webhooks/git", "application/json", body, headers);
  }
}
