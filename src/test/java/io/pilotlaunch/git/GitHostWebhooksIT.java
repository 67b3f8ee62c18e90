package io.pilotlaunch.git;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.TASK_CONFIRM_ONBOARDING_PR_MERGED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.support.HttpCalls;
import io.pilotlaunch.support.PilotApi;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.support.TestUsers;
import io.pilotlaunch.support.WebhookSamples;
import io.pilotlaunch.teams.Team;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * GitHub, GitLab and Gitea post their documented pull request events, signed as they sign them: a
 * merge moves the pilot of its repository and no other; whatever is no merge changes nothing.
 */
class GitHostWebhooksIT extends PostgresIntegrationTest {

  @Autowired TaskService taskService;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aGithubMergeMovesOnlyThePilotOfItsRepository() {
    String ours = waitingForTheOnboardingMerge("gh-ours", "codertocat/gh-ours");
    String other = waitingForTheOnboardingMerge("gh-other", "codertocat/gh-other");
    String withoutRepository = waitingForTheOnboardingMerge("gh-none", null);
    // GitHub spells the repository as its owner typed it; pilots match it whatever the case
    String merged = githubMerged("Codertocat/GH-Ours");
    String delivery = UUID.randomUUID().toString();

    ResponseEntity<String> answer = github("pull_request", merged, delivery);

    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
    assertThat(answer.getBody()).contains(ours).doesNotContain(other);
    assertNoLongerWaiting(ours);
    assertStillWaiting(other);
    assertStillWaiting(withoutRepository);
    assertThat(
            jdbc.queryForObject(
                "select url from pilot.git_webhook_delivery where delivery_id = ?",
                String.class,
                delivery))
        .isEqualTo("https://github.com/Codertocat/Hello-World/pull/2");

    ResponseEntity<String> replay = github("pull_request", merged, delivery);
    ResponseEntity<String> replayUnderANewId =
        github("pull_request", merged, UUID.randomUUID().toString());
    assertThat(replay.getStatusCode().value()).as(replay.getBody()).isEqualTo(409);
    assertThat(replayUnderANewId.getStatusCode().value()).isEqualTo(409);
  }

  @Test
  void githubEventsThatAreNoMergeChangeNothing() {
    String pilot = waitingForTheOnboardingMerge("gh-nomerge", "codertocat/gh-nomerge");
    String closedUnmerged =
        WebhookSamples.sample("github-pull-request-closed.json")
            .replace("Codertocat/Hello-World", "codertocat/gh-nomerge");
    String opened =
        WebhookSamples.sample(
            "github-pull-request-closed.json",
            event -> {
              event.put("action", "opened");
              repository(event, "full_name", "codertocat/gh-nomerge");
            });

    ResponseEntity<String> closed =
        github("pull_request", closedUnmerged, UUID.randomUUID().toString());
    ResponseEntity<String> open = github("pull_request", opened, UUID.randomUUID().toString());
    ResponseEntity<String> ping = github("ping", "{\"zen\": \"Design for failure.\"}", "ping-1");
    ResponseEntity<String> push = github("push", "{}", "push-1");

    assertThat(closed.getStatusCode().value()).as(closed.getBody()).isEqualTo(202);
    assertThat(closed.getBody()).contains("closed without merging");
    assertThat(open.getStatusCode().value()).isEqualTo(202);
    assertThat(open.getBody()).contains("'opened' is no merge");
    assertThat(ping.getStatusCode().value()).isEqualTo(202);
    assertThat(push.getStatusCode().value()).isEqualTo(202);
    assertThat(push.getBody()).contains("'push' event");
    assertStillWaiting(pilot);
  }

  @Test
  void githubRefusesABadSignatureAndAMalformedBody() {
    String pilot = waitingForTheOnboardingMerge("gh-bad", "codertocat/gh-bad");
    String merged = githubMerged("codertocat/gh-bad");
    long deliveries =
        jdbc.queryForObject("select count(*) from pilot.git_webhook_delivery", Long.class);

    ResponseEntity<String> forged =
        http()
            .post(
                "/api/webhooks/github",
                "application/json",
                merged,
                "X-GitHub-Event",
                "pull_request",
                "X-GitHub-Delivery",
                UUID.randomUUID().toString(),
                "X-Hub-Signature-256",
                "sha256=" + WebhookSamples.hmac("not-the-secret", merged));
    ResponseEntity<String> unsigned =
        http()
            .post(
                "/api/webhooks/github",
                "application/json",
                merged,
                "X-GitHub-Event",
                "pull_request",
                "X-GitHub-Delivery",
                "unsigned-1");
    ResponseEntity<String> malformed = github("pull_request", "{\"action\": \"clo", "malformed-1");
    ResponseEntity<String> noRepository =
        github(
            "pull_request",
            githubMerged("codertocat/gh-bad").replaceFirst("\"repository\"", "\"repo\""),
            "no-repository-1");

    assertThat(forged.getStatusCode().value()).as(forged.getBody()).isEqualTo(401);
    assertThat(forged.getBody()).contains("does not match");
    assertThat(unsigned.getStatusCode().value()).isEqualTo(401);
    assertThat(malformed.getStatusCode().value()).as(malformed.getBody()).isEqualTo(400);
    assertThat(malformed.getBody()).contains("not the JSON");
    assertThat(noRepository.getStatusCode().value()).as(noRepository.getBody()).isEqualTo(400);
    assertThat(noRepository.getBody()).contains("repository");
    assertThat(jdbc.queryForObject("select count(*) from pilot.git_webhook_delivery", Long.class))
        .isEqualTo(deliveries);
    assertStillWaiting(pilot);
  }

  @Test
  void aGitlabMergeMovesOnlyThePilotOfItsProjectWithTheRightToken() {
    String ours = waitingForTheOnboardingMerge("gl-ours", "gitlabhq/gl-ours");
    String other = waitingForTheOnboardingMerge("gl-other", "gitlabhq/gl-other");
    String opened =
        WebhookSamples.sample(
            "gitlab-merge-request.json", event -> project(event, "gitlabhq/gl-ours"));
    String merged =
        WebhookSamples.sample(
            "gitlab-merge-request.json",
            event -> {
              project(event, "gitlabhq/gl-ours");
              ObjectNode request = (ObjectNode) event.get("object_attributes");
              request.put("state", "merged");
              request.put("action", "merge");
              request.put("updated_at", gitlabNow());
            });
    String key = UUID.randomUUID().toString();

    ResponseEntity<String> asOpened =
        gitlab("Merge Request Hook", opened, WebhookSamples.GITLAB_TOKEN, key);
    ResponseEntity<String> wrongToken = gitlab("Merge Request Hook", merged, "guess", key);
    ResponseEntity<String> push = gitlab("Push Hook", "{}", WebhookSamples.GITLAB_TOKEN, "push-1");
    ResponseEntity<String> malformed =
        gitlab("Merge Request Hook", "[", WebhookSamples.GITLAB_TOKEN, "bad-1");
    assertStillWaiting(ours);
    ResponseEntity<String> asMerged =
        gitlab("Merge Request Hook", merged, WebhookSamples.GITLAB_TOKEN, key);
    ResponseEntity<String> retried =
        gitlab("Merge Request Hook", merged, WebhookSamples.GITLAB_TOKEN, key);

    assertThat(asOpened.getStatusCode().value()).as(asOpened.getBody()).isEqualTo(202);
    assertThat(asOpened.getBody()).contains("'opened'");
    assertThat(wrongToken.getStatusCode().value()).isEqualTo(401);
    assertThat(push.getStatusCode().value()).isEqualTo(202);
    assertThat(malformed.getStatusCode().value()).isEqualTo(400);
    assertThat(asMerged.getStatusCode().value()).as(asMerged.getBody()).isEqualTo(200);
    assertNoLongerWaiting(ours);
    assertStillWaiting(other);
    assertThat(retried.getStatusCode().value()).as(retried.getBody()).isEqualTo(409);
  }

  @Test
  void aGiteaMergeMovesOnlyThePilotOfItsRepository() {
    String ours = waitingForTheOnboardingMerge("gt-ours", "gordon/gt-ours");
    String other = waitingForTheOnboardingMerge("gt-other", "gordon/gt-other");
    String opened =
        WebhookSamples.sample(
            "gitea-pull-request.json", event -> repository(event, "full_name", "gordon/gt-ours"));
    String merged =
        WebhookSamples.sample(
            "gitea-pull-request.json",
            event -> {
              repository(event, "full_name", "gordon/gt-ours");
              event.put("action", "closed");
              ObjectNode pullRequest = (ObjectNode) event.get("pull_request");
              pullRequest.put("state", "closed");
              pullRequest.put("merged", true);
              pullRequest.put(
                  "merged_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            });
    String delivery = UUID.randomUUID().toString();

    ResponseEntity<String> asOpened =
        gitea(
            "pull_request",
            opened,
            WebhookSamples.hmac(WebhookSamples.GITEA_SECRET, opened),
            delivery);
    ResponseEntity<String> forged =
        gitea("pull_request", merged, WebhookSamples.hmac("guess", merged), delivery);
    assertStillWaiting(ours);
    ResponseEntity<String> asMerged =
        gitea(
            "pull_request",
            merged,
            WebhookSamples.hmac(WebhookSamples.GITEA_SECRET, merged),
            delivery);

    assertThat(asOpened.getStatusCode().value()).as(asOpened.getBody()).isEqualTo(202);
    assertThat(forged.getStatusCode().value()).isEqualTo(401);
    assertThat(asMerged.getStatusCode().value()).as(asMerged.getBody()).isEqualTo(200);
    assertNoLongerWaiting(ours);
    assertStillWaiting(other);
  }

  /** The API takes the repository as the host spells it and keeps it for matching in lower case. */
  @Test
  void aPilotNamesItsRepositoryWhenItStartsThroughTheApi() {
    String pm = users.memberOf(Team.PRODUCT_MANAGEMENT, "repository-pm");
    HttpCalls asPm = http().as(pm, TestUsers.passwordOf(pm));
    String named =
        PilotApi.startBody("repo-named")
            .replaceFirst("\\{", "{\"repository\": \"Acme/Pilot-App\", ");
    String notAPath =
        PilotApi.startBody("repo-bad").replaceFirst("\\{", "{\"repository\": \"acme pilot app\", ");

    ResponseEntity<String> started = asPm.postJson("/api/pilots", named);
    ResponseEntity<String> refused = asPm.postJson("/api/pilots", notAPath);

    assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(201);
    assertThat(
            jdbc.queryForObject(
                "select repository from pilot.pilot_run where active_tenant_id = ?",
                String.class,
                "repo-named"))
        .isEqualTo("acme/pilot-app");
    assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(400);
    assertThat(refused.getBody()).contains("repository", "path on its git host");
  }

  /** Pilots started before they named a repository are reached by the generic webhook alone. */
  @Test
  void theGenericWebhookReachesPilotsWithoutARepositoryButNotThoseOfAnother() {
    String withoutRepository = waitingForTheOnboardingMerge("generic-none", null);
    String another = waitingForTheOnboardingMerge("generic-another", "acme/another-app");
    String merge =
        PilotApi.mergeBody(
            MvpPilotLaunchProcess.PHASE1_BRANCH, MvpPilotLaunchProcess.INTEGRATION_BRANCH);

    ResponseEntity<String> answer =
        http().post("/api/webhooks/git", "application/json", merge, PilotApi.gitHostHeaders(merge));

    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
    assertNoLongerWaiting(withoutRepository);
    assertStillWaiting(another);
  }

  /** GitHub's documented closed pull request, merged just now, in that repository. */
  private static String githubMerged(String repository) {
    return WebhookSamples.sample(
        "github-pull-request-closed.json",
        event -> {
          repository(event, "full_name", repository);
          ObjectNode pullRequest = (ObjectNode) event.get("pull_request");
          pullRequest.put("merged", true);
          pullRequest.put("merged_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        });
  }

  private static void repository(ObjectNode event, String field, String value) {
    ((ObjectNode) event.get("repository")).put(field, value);
  }

  private static void project(ObjectNode event, String path) {
    ((ObjectNode) event.get("project")).put("path_with_namespace", path);
  }

  /** The time as GitLab writes it in merge request events. */
  private static String gitlabNow() {
    return Instant.now()
        .truncatedTo(ChronoUnit.SECONDS)
        .toString()
        .replace("T", " ")
        .replace("Z", " UTC");
  }

  private String waitingForTheOnboardingMerge(String tenantId, String repository) {
    String pilot = pilots.startWaitingForTheOnboardingMerge(tenantId, repository);
    pilots.awaitTask(pilot, TASK_CONFIRM_ONBOARDING_PR_MERGED);
    return pilot;
  }

  /** The merge closed the wait in the webhook's own transaction: the task is gone at once. */
  private void assertNoLongerWaiting(String pilot) {
    assertThat(
            taskService
                .createTaskQuery()
                .processInstanceId(pilot)
                .taskDefinitionKey(TASK_CONFIRM_ONBOARDING_PR_MERGED)
                .count())
        .as("pilot " + pilot + " no longer waits for its merge")
        .isZero();
  }

  private void assertStillWaiting(String pilot) {
    assertThat(
            taskService
                .createTaskQuery()
                .processInstanceId(pilot)
                .taskDefinitionKey(TASK_CONFIRM_ONBOARDING_PR_MERGED)
                .count())
        .as("pilot " + pilot + " still waits for its merge")
        .isOne();
  }

  private ResponseEntity<String> github(String event, String body, String delivery) {
    return http()
        .post(
            "/api/webhooks/github",
            "application/json",
            body,
            "X-GitHub-Event",
            event,
            "X-GitHub-Delivery",
            delivery,
            "X-Hub-Signature-256",
            "sha256=" + WebhookSamples.hmac(WebhookSamples.GITHUB_SECRET, body));
  }

  private ResponseEntity<String> gitlab(String event, String body, String token, String key) {
    return http()
        .post(
            "/api/webhooks/gitlab",
            "application/json",
            body,
            "X-Gitlab-Event",
            event,
            "X-Gitlab-Token",
            token,
            "Idempotency-Key",
            key);
  }

  private ResponseEntity<String> gitea(
      String event, String body, String signature, String delivery) {
    return http()
        .post(
            "/api/webhooks/gitea",
            "application/json",
            body,
            "X-Gitea-Event",
            event,
            "X-Gitea-Delivery",
            delivery,
            "X-Gitea-Signature",
            signature);
  }
}
