package io.pilotlaunch.git;

import io.pilotlaunch.milestones.MilestoneDefinition.BranchPlan;
import io.pilotlaunch.milestones.MilestoneDefinitions;
import io.pilotlaunch.pilot.PilotRuns;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Messages;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import io.pilotlaunch.web.ApiException;
import io.pilotlaunch.web.CallerRules;
import io.pilotlaunch.web.HumanTime;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * What every git webhook does with a merge, once its sender is verified and its body read: accept
 * the delivery and the merge once and only while fresh, and close the waits for that branch of the
 * pilots of that repository. Runs in the caller's transaction.
 *
 * <p>A signature proves who sent a delivery, not when: each delivery id and each pull request's
 * merge is accepted once, and a merge older than {@code pilot.webhooks.max-age} is refused, so a
 * recorded delivery replayed later closes nothing.
 */
@Service
class PullRequestMerges {

  /** The execution-local variables of a wait for a merge (input mappings in the model). */
  private static final String WAITING_BRANCH = "branch";

  private static final String WAITING_TARGET = "prTarget";

  private final RuntimeService runtimeService;
  private final CallerRules caller;
  private final JdbcTemplate jdbc;
  private final PilotRuns runs;
  private final Clock clock;
  private final Duration maxAge;

  /** How far the sender's clock may run ahead of ours ({@code pilot.clock-skew}). */
  private final Duration clockSkew;

  /**
   * The branches whose merges the pilots' milestone waits for, with their targets, as its
   * document's Branch and PR Plans say them.
   */
  private final List<BranchPlan> awaited;

  PullRequestMerges(
      RuntimeService runtimeService,
      CallerRules caller,
      JdbcTemplate jdbc,
      PilotRuns runs,
      Clock clock,
      @Value("${pilot.webhooks.max-age:PT1H}") Duration maxAge,
      @Value("${pilot.clock-skew}") Duration clockSkew,
      MilestoneDefinitions milestones) {
    this.runtimeService = runtimeService;
    this.caller = caller;
    this.jdbc = jdbc;
    this.runs = runs;
    this.clock = clock;
    this.maxAge = maxAge;
    this.clockSkew = clockSkew;
    this.awaited = milestones.ofPilots().mergesAwaited();
  }

  /**
   * Records the merge and closes the matching waits. The delivery is recorded even when no pilot
   * waits for it (409): that answer is final, and the same delivery sent again later must not find
   * a pilot waiting then.
   *
   * @param alsoPilotsWithoutRepository the generic webhook: it also reaches pilots that name no
   *     repository (those started before pilots named one)
   */
  ResponseEntity<Map<String, Object>> accept(
      String deliveryId, PullRequestMerge merge, boolean alsoPilotsWithoutRepository) {
    record(deliveryId, merge);
    String source = merge.sourceBranch();
    Optional<BranchPlan> plan = awaited.stream().filter(p -> p.matches(source)).findFirst();
    if (plan.isEmpty()) {
      return ignored(
          "branch '"
              + source
              + "' is no pilot branch ("
              + awaited.stream().map(BranchPlan::branch).collect(Collectors.joining(" or "))
              + ")");
    }
    if (!merge.targetBranch().equals(plan.get().prTarget())) {
      return ignored(
          "pilot branches merge into "
              + plan.get().prTarget()
              + ", not '"
              + merge.targetBranch()
              + "'");
    }
    String repository = merge.repository().toLowerCase(Locale.ROOT);
    List<String> pilots =
        runs.activeAmong(waitingFor(merge), repository, alsoPilotsWithoutRepository);
    List<String> correlated = new ArrayList<>();
    for (String processInstanceId : pilots) {
      List<MessageCorrelationResult> results =
          caller.asSystem(
              () ->
                  runtimeService
                      .createMessageCorrelation(Messages.PULL_REQUEST_MERGED)
                      .processInstanceId(processInstanceId)
                      .localVariableEquals(WAITING_BRANCH, source)
                      .localVariableEquals(WAITING_TARGET, merge.targetBranch())
                      .setVariablesLocal(
                          Map.of(
                              Variables.MERGED_BRANCH,
                              source,
                              Variables.PULL_REQUEST_URL,
                              merge.url()))
                      .correlateAllWithResult());
      if (!results.isEmpty()) {
        correlated.add(processInstanceId);
      }
    }
    if (correlated.isEmpty()) {
      throw ApiException.conflict(
          "No pilot is waiting for a merge of '"
              + source
              + "' into '"
              + merge.targetBranch()
              + "' in repository '"
              + merge.repository()
              + "'");
    }
    return ResponseEntity.ok(
        Map.of("correlated", correlated.size(), "processInstanceIds", correlated));
  }

  /** The process instances with a wait for this very merge: few, whatever the number of pilots. */
  private List<String> waitingFor(PullRequestMerge merge) {
    return caller
        .asSystem(
            () ->
                runtimeService
                    .createExecutionQuery()
                    .messageEventSubscriptionName(Messages.PULL_REQUEST_MERGED)
                    .variableValueEquals(WAITING_BRANCH, merge.sourceBranch())
                    .variableValueEquals(WAITING_TARGET, merge.targetBranch())
                    .list())
        .stream()
        .map(Execution::getProcessInstanceId)
        .distinct()
        .toList();
  }

  /** Accepts a delivery, and a pull request's merge, once, and only while the merge is recent. */
  private void record(String deliveryId, PullRequestMerge merge) {
    Instant now = clock.instant();
    if (merge.mergedAt().isBefore(now.minus(maxAge))) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          "The delivery is too old: merged at "
              + merge.mergedAt()
              + ", more than "
              + maxAge
              + " ago (pilot.webhooks.max-age)");
    }
    if (merge.mergedAt().isAfter(now.plus(clockSkew))) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          "mergedAt "
              + merge.mergedAt()
              + " lies in the future (more than "
              + HumanTime.duration(clockSkew)
              + " ahead of our clock)");
    }
    try {
      jdbc.update(
          "insert into pilot.git_webhook_delivery (delivery_id, received_at, repository, pull_request_number, "
              + "source_branch, target_branch, merged_at, url) values (?, ?, ?, ?, ?, ?, ?, ?)",
          deliveryId,
          Timestamp.from(now),
          merge.repository(),
          merge.number(),
          merge.sourceBranch(),
          merge.targetBranch(),
          Timestamp.from(merge.mergedAt()),
          merge.url());
    } catch (DuplicateKeyException replayed) {
      throw ApiException.conflict(
          "Delivery '"
              + deliveryId
              + "' or the merge of "
              + merge.repository()
              + "#"
              + merge.number()
              + " was received already; each is accepted once");
    }
  }

  /** 202: the delivery is well-formed and authentic, and changes nothing; the reason says why. */
  static ResponseEntity<Map<String, Object>> ignored(String reason) {
    return ResponseEntity.accepted().body(Map.of("ignored", true, "reason", reason));
  }

  static Optional<String> firstPresent(List<String> values) {
    return values.stream().filter(value -> value != null && !value.isBlank()).findFirst();
  }
}
