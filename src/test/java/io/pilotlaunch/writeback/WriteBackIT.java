package io.pilotlaunch.writeback;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.*;
import static io.pilotlaunch.support.PilotSteps.approve;
import static io.pilotlaunch.support.PilotSteps.done;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pilotlaunch.pilot.PilotRuns;
import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.process.PostMvpEnhancementsProcess;
import io.pilotlaunch.signoff.MilestoneExport;
import io.pilotlaunch.support.PilotSteps;
import io.pilotlaunch.support.PostgresIntegrationTest;
import io.pilotlaunch.support.TeamDocsRemote;
import io.pilotlaunch.support.TeamDocsRemote.Request;
import io.pilotlaunch.support.TestUsers;
import io.pilotlaunch.teams.Team;
import io.pilotlaunch.writeback.WriteBackOutbox.Entry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A completed Milestone 6 pilot goes back to the team's docs repository ({@link TeamDocsRemote}: a
 * real bare repository on disk and a real HTTP server answering as GitHub, GitLab and Gitea): the
 * ticked document and the roadmap index's status in one commit on the milestone's branch, and the
 * pull request to its target; through a failing host, and given up on visibly.
 */
@ExtendWith(OutputCaptureExtension.class)
class WriteBackIT extends PostgresIntegrationTest {

  private static final String TENANT = "written-back";
  private static final String BRANCH = MvpPilotLaunchProcess.PHASE3_BRANCH;
  private static final String TARGET = MvpPilotLaunchProcess.INTEGRATION_BRANCH;

  /** The completed pilot the tests write back, run once for all of them. */
  private static String completedPilot;

  @Autowired WriteBackDelivery delivery;
  @Autowired WriteBackOutbox outbox;
  @Autowired PilotRuns runs;
  @Autowired MilestoneExport export;
  @Autowired WriteBackSettings settings;
  @Autowired Clock clock;
  @Autowired JdbcTemplate jdbc;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;

  @Test
  void aCompletedPilotLeavesOneCommitWithTheTickedDocumentAndTheIndexAndOpensThePullRequest()
      throws Exception {
    String pilot = completedPilot();
    writeBackAgain(pilot);

    delivery.worker().writeBackDue();

    Entry written = outbox.of("m6", pilot).orElseThrow();
    assertThat(written.status()).as(written.lastError()).isEqualTo(WriteBackOutbox.DONE);
    assertThat(written.pullRequest()).isEqualTo("https://github.team.test/team/docs/pulls/1");
    assertThat(written.commitId()).isEqualTo(head(BRANCH));
    RevCommit commit = commit(written.commitId());
    assertThat(commit.getAuthorIdent().getName()).isEqualTo("Pilot Launch");
    assertThat(commit.getAuthorIdent().getEmailAddress()).isEqualTo("pilot-launch@localhost");
    assertThat(commit.getFullMessage())
        .startsWith("M6 MVP Pilot Launch: completed for tenant " + TENANT)
        .contains(pilot, "\nSigned off by: ", "wb-product", "wb-qa", "wb-security", "wb-ops");

    String document = file(commit, TeamDocsRemote.DOCUMENT);
    assertThat(document)
        .as("the ticked document, as the export gives it")
        .isEqualTo(export.export(runs.findByProcessInstance(pilot).orElseThrow()) + "\n")
        .contains(
            "- Status: Completed\n",
            "- [x] Pilot scope, success metrics, and support coverage are defined.\n  - Done by ",
            "; evidence: <https://wiki.example.test/pilot/evidence>",
            "- [x] MVP pilot is formally accepted.\n",
            "Signed off by wb-qa on ")
        .doesNotContain("- [ ] ", "Status: Not Started");
    assertThat(file(commit, TeamDocsRemote.INDEX))
        .as("M6's status and nothing else changed")
        .isEqualTo(
            TeamDocsRemote.ORIGINAL_INDEX.replace(
                "| M6 | MVP Pilot Launch | Product Management + TPM | Not Started |",
                "| M6 | MVP Pilot Launch | Product Management + TPM | Completed |"));
    assertThat(commit.getParentCount()).isOne();
    assertThat(commit.getParent(0).getName())
        .as("the branch starts from its target")
        .isEqualTo(head(TARGET));

    List<Request> requests = TeamDocsRemote.requests();
    assertThat(requests).hasSize(1);
    Request request = requests.get(0);
    assertThat(request.host()).isEqualTo("github");
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/repos/team/docs/pulls");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + TeamDocsRemote.TOKEN);
    assertThat(request.header("Accept")).isEqualTo("application/vnd.github+json");
    assertThat(request.body().path("head").asText()).isEqualTo(BRANCH);
    assertThat(request.body().path("base").asText()).isEqualTo(TARGET);
    assertThat(request.body().path("title").asText()).isEqualTo(commit.getShortMessage());
    assertThat(request.body().path("body").asText())
        .contains(TENANT, "Completed", written.commitId());

    // written back once more (a node took it over after a crash, say): the same content makes no
    // second commit, and the pull request that is open already is no error
    dueAgain(pilot);
    delivery.worker().writeBackDue();

    Entry again = outbox.of("m6", pilot).orElseThrow();
    assertThat(again.status()).as(again.lastError()).isEqualTo(WriteBackOutbox.DONE);
    assertThat(again.commitId()).isEqualTo(written.commitId());
    assertThat(head(BRANCH)).isEqualTo(written.commitId());
    assertThat(again.pullRequest()).isEqualTo(PullRequests.ALREADY_OPEN);
    assertThat(TeamDocsRemote.requests()).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "gitlab", "gitea"})
  void thePullRequestReachesEachHostsApiInItsDocumentedShape(String host) {
    TeamDocsRemote.forgetPullRequests();
    WriteBackSettings.Resolved target =
        WriteBackSettings.resolve(
            WrittenMilestone.of("m6").orElseThrow(),
            new WriteBackSettings.Target(
                true,
                TeamDocsRemote.repositoryUrl(),
                null,
                null,
                null,
                null,
                host,
                TeamDocsRemote.apiUrl(host),
                TeamDocsRemote.REPOSITORY,
                TeamDocsRemote.TOKEN,
                null));
    PullRequests pullRequests = new PullRequests(Duration.ofSeconds(5));

    assertThat(pullRequests.open(target, "M6 completed", "The ticked document."))
        .isEqualTo("https://" + host + ".team.test/team/docs/pulls/1");
    assertThat(pullRequests.open(target, "M6 completed", "The ticked document."))
        .as("the host's own answer that it is open already")
        .isEqualTo(PullRequests.ALREADY_OPEN);

    Request request = TeamDocsRemote.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.header("Content-Type")).startsWith("application/json");
    Map<String, String> body =
        Map.of(
            "title", request.body().path("title").asText(),
            "head", request.body().path("head").asText(),
            "base", request.body().path("base").asText(),
            "body", request.body().path("body").asText(),
            "source_branch", request.body().path("source_branch").asText(),
            "target_branch", request.body().path("target_branch").asText(),
            "description", request.body().path("description").asText());
    switch (host) {
      case "github" -> {
        assertThat(request.path()).isEqualTo("/repos/team/docs/pulls");
        assertThat(request.header("Authorization")).isEqualTo("Bearer team-docs-token");
        assertThat(request.header("Accept")).isEqualTo("application/vnd.github+json");
        assertThat(body)
            .containsEntry("head", BRANCH)
            .containsEntry("base", TARGET)
            .containsEntry("title", "M6 completed")
            .containsEntry("body", "The ticked document.");
      }
      case "gitlab" -> {
        assertThat(request.path()).isEqualTo("/api/v4/projects/team%2Fdocs/merge_requests");
        assertThat(request.header("PRIVATE-TOKEN")).isEqualTo("team-docs-token");
        assertThat(request.header("Authorization")).isNull();
        assertThat(body)
            .containsEntry("source_branch", BRANCH)
            .containsEntry("target_branch", TARGET)
            .containsEntry("title", "M6 completed")
            .containsEntry("description", "The ticked document.");
      }
      default -> {
        assertThat(request.path()).isEqualTo("/api/v1/repos/team/docs/pulls");
        assertThat(request.header("Authorization")).isEqualTo("token team-docs-token");
        assertThat(body)
            .containsEntry("head", BRANCH)
            .containsEntry("base", TARGET)
            .containsEntry("title", "M6 completed")
            .containsEntry("body", "The ticked document.");
      }
    }
  }

  @Test
  void aHostAnswering500IsAskedAgainAndThePullRequestOpens() {
    String pilot = completedPilot();
    writeBackAgain(pilot);
    TeamDocsRemote.failNext(500);

    delivery.worker().writeBackDue();

    Entry failed = outbox.of("m6", pilot).orElseThrow();
    assertThat(failed.status()).isEqualTo(WriteBackOutbox.PENDING);
    assertThat(failed.attempts()).isOne();
    assertThat(failed.lastError()).contains("github answered 500");
    Entry done =
        await("the write-back after the host's 500")
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> {
                  delivery.worker().writeBackDue();
                  return outbox.of("m6", pilot).orElseThrow();
                },
                entry -> entry.status().equals(WriteBackOutbox.DONE));
    assertThat(done.attempts()).isEqualTo(2);
    assertThat(done.lastError()).isNull();
    assertThat(done.pullRequest()).isEqualTo("https://github.team.test/team/docs/pulls/1");
    assertThat(TeamDocsRemote.requests()).hasSize(2);
  }

  @Test
  void aRepositoryThatCannotBeReachedEndsFailedWithItsReasonAfterTheConfiguredAttempts(
      CapturedOutput output) {
    String pilot = completedPilot();
    writeBackAgain(pilot);
    String unreachable = "http://127.0.0.1:9/team/docs.git";
    WriteBackSettings elsewhere =
        new WriteBackSettings(
            false,
            settings.pollInterval(),
            settings.lease(),
            settings.maxAttempts(),
            settings.firstRetry(),
            settings.maxRetry(),
            settings.timeout(),
            settings.authorName(),
            settings.authorEmail(),
            Map.of(
                "m6",
                new WriteBackSettings.Target(
                    true, unreachable, null, null, null, null, null, null, null, null, null)));
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    WriteBackWorker worker = new WriteBackWorker(outbox, runs, export, elsewhere, clock, meters);

    Entry failed =
        await("the write-back given up")
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> {
                  worker.writeBackDue();
                  return outbox.of("m6", pilot).orElseThrow();
                },
                entry -> !entry.status().equals(WriteBackOutbox.PENDING));

    assertThat(failed.status()).isEqualTo(WriteBackOutbox.FAILED);
    assertThat(failed.attempts()).isEqualTo(settings.maxAttempts()).isEqualTo(3);
    assertThat(failed.lastError()).contains(unreachable);
    assertThat(meters.get("pilot.write_back.failed").counter().count()).isOne();
    assertThat(meters.get("pilot.write_back.outbox").tag("status", "failed").gauge().value())
        .isGreaterThanOrEqualTo(1);
    assertThat(output.getOut())
        .contains("Write-back " + failed.id() + " (m6 of process instance " + pilot)
        .contains("failed after 3 attempts and is given up: ")
        .contains(unreachable);
    // tried no more: the row stays FAILED for the operator
    worker.writeBackDue();
    assertThat(outbox.of("m6", pilot).orElseThrow().attempts()).isEqualTo(3);
  }

  @Test
  void twoNodesWritingBackAtOnceMakeOneCommitAndOnePullRequest() throws Exception {
    String pilot = completedPilot();
    writeBackAgain(pilot);
    try (Git bare = Git.open(TeamDocsRemote.repositoryPath().toFile())) {
      // the branch merged and deleted: a write-back now must commit again
      bare.branchDelete().setBranchNames(BRANCH).setForce(true).call();
    }
    WriteBackWorker otherNode =
        new WriteBackWorker(outbox, runs, export, settings, clock, new SimpleMeterRegistry());
    CountDownLatch ready = new CountDownLatch(2);
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> rounds =
          List.of(delivery.worker(), otherNode).stream()
              .map(
                  worker ->
                      nodes.submit(
                          () -> {
                            ready.countDown();
                            ready.await();
                            return worker.writeBackDue();
                          }))
              .toList();
      int written = 0;
      for (Future<Integer> round : rounds) {
        written += round.get(30, TimeUnit.SECONDS);
      }
      assertThat(written).isOne();
    } finally {
      nodes.shutdownNow();
    }

    Entry entry = outbox.of("m6", pilot).orElseThrow();
    assertThat(entry.status()).isEqualTo(WriteBackOutbox.DONE);
    assertThat(entry.attempts()).as("taken by one node only").isOne();
    assertThat(commit(head(BRANCH)).getParent(0).getName()).isEqualTo(head(TARGET));
    assertThat(TeamDocsRemote.requests()).hasSize(1);
  }

  /** Milestone 7, which the pilot started, goes back on its own branch when it completes. */
  @Test
  void aCompletedMilestone7GoesBackOnItsOwnBranchToItsOwnTarget() throws Exception {
    String pilot = completedPilot();
    String m7 =
        historyService
            .createHistoricProcessInstanceQuery()
            .processDefinitionKey(PostMvpEnhancementsProcess.PROCESS_ID)
            .variableValueEquals(
                PostMvpEnhancementsProcess.Variables.SOURCE_PROCESS_INSTANCE_ID, pilot)
            .singleResult()
            .getId();
    for (String task :
        List.of(
            PostMvpEnhancementsProcess.Elements.TASK_CONFIRM_HANDED_OVER_CANDIDATES,
            PostMvpEnhancementsProcess.Elements.TASK_CONFIRM_ROADMAP_STATUS)) {
      pilots.complete(m7, task, done());
    }
    for (String review :
        List.of(
            PostMvpEnhancementsProcess.Elements.TASK_REVIEW_ENHANCEMENT_PLANS,
            PostMvpEnhancementsProcess.Elements.TASK_REVIEW_ADR_INDEX,
            PostMvpEnhancementsProcess.Elements.TASK_CONFIRM_PHASE_EXIT_CRITERIA,
            PostMvpEnhancementsProcess.Elements.TASK_CONFIRM_ARTIFACTS_MATCH_ROADMAP)) {
      pilots.complete(m7, review, approve());
    }
    pilots.awaitEnded(m7);
    assertThat(outbox.of("m7", pilot)).as("M7's completion wrote its write-back").isPresent();
    writeBackAgain("m7", pilot);

    delivery.worker().writeBackDue();

    Entry written = outbox.of("m7", pilot).orElseThrow();
    assertThat(written.status()).as(written.lastError()).isEqualTo(WriteBackOutbox.DONE);
    String m7Branch = "docs/m7-p1-enhancement-adrs";
    assertThat(written.commitId()).isEqualTo(head(m7Branch));
    RevCommit commit = commit(written.commitId());
    assertThat(commit.getFullMessage())
        .startsWith("M7 Post-MVP Enhancements Hook: completed for tenant " + TENANT);
    assertThat(commit.getParent(0).getName()).isEqualTo(head(TeamDocsRemote.M7_INTEGRATION_BRANCH));
    assertThat(file(commit, TeamDocsRemote.M7_DOCUMENT))
        .startsWith("# Milestone 7: Post-MVP Enhancements Hook")
        .contains("- Status: Completed\n", "- [x] Roadmap status and owners are current.")
        .doesNotContain("- [ ] ");
    assertThat(file(commit, TeamDocsRemote.INDEX))
        .contains("| M7 | Post-MVP Enhancements Hook | Product Management + TPM | Completed |");
    Request request = TeamDocsRemote.requests().get(0);
    assertThat(request.body().path("head").asText()).isEqualTo(m7Branch);
    assertThat(request.body().path("base").asText())
        .isEqualTo(TeamDocsRemote.M7_INTEGRATION_BRANCH);
  }

  @Test
  void anAbortedPilotIsNotWrittenBack() {
    String tenant = "written-back-aborted";
    String pilot = pilots.startWaitingForTheOnboardingMerge(tenant, null);
    String sre = users.memberOf(Team.DEVOPS_SRE, "wb-devops-sre");
    ResponseEntity<String> aborted =
        http()
            .as(sre, TestUsers.passwordOf(sre))
            .postJson("/api/pilots/" + tenant + "/abort", "{\"reason\": \"tenant withdrawn\"}");
    assertThat(aborted.getStatusCode().value()).as(aborted.getBody()).isEqualTo(202);
    pilots.complete(pilot, TASK_CONFIRM_ROLLBACK_COMPLETE, done());
    pilots.awaitEnded(pilot);

    assertThat(outbox.of("m6", pilot)).isEmpty();
  }

  /**
   * A whole Milestone 6 pilot on its straight path, each sign-off by a named person; once per test
   * JVM.
   */
  private synchronized String completedPilot() {
    if (completedPilot != null) {
      return completedPilot;
    }
    String pilot = pilots.start(TENANT);
    pilots.passPreChecklist(pilot);
    pilots.passPhase1(pilot);
    pilots.complete(pilot, TASK_MONITOR_PILOT, done());
    PilotSteps.PHASE2_REVIEWS.forEach(review -> pilots.complete(pilot, review, approve()));
    pilots.complete(
        pilot, TASK_PRODUCE_PILOT_SUMMARY, PilotSteps.confirmSummary("A quiet pilot.", ""));
    pilots.complete(pilot, TASK_CONFIRM_MVP_ACCEPTANCE_CRITERIA, done());
    Map<String, String> signers =
        Map.of(
            TASK_SIGN_OFF_PRODUCT, "wb-product",
            TASK_SIGN_OFF_QA, "wb-qa",
            TASK_SIGN_OFF_SECURITY, "wb-security",
            TASK_SIGN_OFF_OPS, "wb-ops");
    for (String signOff : PilotSteps.SIGN_OFFS) {
      Task task = pilots.awaitTask(pilot, signOff);
      taskService.claim(task.getId(), signers.get(signOff));
      taskService.complete(task.getId(), PilotSteps.signOff());
    }
    for (List<String> step : List.of(PilotSteps.PHASE3_REVIEWS, PilotSteps.MILESTONE_REVIEW)) {
      step.forEach(task -> pilots.complete(pilot, task, PilotSteps.straight(task)));
    }
    pilots.awaitEnded(pilot);
    assertThat(outbox.of("m6", pilot))
        .as("the completion wrote its write-back in the engine's transaction")
        .hasValueSatisfying(entry -> assertThat(entry.tenantId()).isEqualTo(TENANT));
    completedPilot = pilot;
    return pilot;
  }

  /**
   * The pilot's write-back due again from its first attempt, the host's pull requests forgotten;
   * everyone else's (other tests' pilots) set aside, so a round writes back this pilot alone.
   */
  private void writeBackAgain(String pilot) {
    writeBackAgain("m6", pilot);
  }

  private void writeBackAgain(String milestone, String pilot) {
    jdbc.update(
        "update pilot.write_back set status = 'DONE' where status = 'PENDING'"
            + " and not (milestone = ? and process_instance_id = ?)",
        milestone,
        pilot);
    dueAgain(milestone, pilot);
    TeamDocsRemote.forgetPullRequests();
  }

  /** The pilot's write-back due again, from its first attempt. */
  private void dueAgain(String pilot) {
    dueAgain("m6", pilot);
  }

  private void dueAgain(String milestone, String pilot) {
    jdbc.update(
        "update pilot.write_back set status = 'PENDING', attempts = 0, next_attempt_at = ?,"
            + " claimed_by = null, claimed_until = null, last_error = null"
            + " where milestone = ? and process_instance_id = ?",
        java.sql.Timestamp.from(clock.instant()),
        milestone,
        pilot);
  }

  private static String head(String branch) throws IOException {
    try (Repository repository =
        Git.open(TeamDocsRemote.repositoryPath().toFile()).getRepository()) {
      ObjectId head = repository.resolve("refs/heads/" + branch);
      return head == null ? null : head.getName();
    }
  }

  private static RevCommit commit(String id) throws IOException {
    try (Repository repository =
            Git.open(TeamDocsRemote.repositoryPath().toFile()).getRepository();
        RevWalk walk = new RevWalk(repository)) {
      RevCommit commit = walk.parseCommit(ObjectId.fromString(id));
      walk.parseBody(commit.getParent(0));
      return commit;
    }
  }

  private static String file(RevCommit commit, String path) throws IOException {
    try (Repository repository =
            Git.open(TeamDocsRemote.repositoryPath().toFile()).getRepository();
        TreeWalk walk = TreeWalk.forPath(repository, path, commit.getTree())) {
      assertThat(walk).as(path + " in " + commit.getName()).isNotNull();
      return new String(repository.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
    }
  }
}
