package io.pilotlaunch.process;

import static io.pilotlaunch.process.PostMvpEnhancementsProcess.Elements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.pilotlaunch.onboarding.PilotTenantIdProvider;
import io.pilotlaunch.pilot.MilestoneStatus;
import io.pilotlaunch.pilot.PilotRuns.PilotRun;
import io.pilotlaunch.pilot.RunStatus;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Elements;
import io.pilotlaunch.process.PostMvpEnhancementsProcess.Variables;
import io.pilotlaunch.signoff.MilestoneHandOff;
import io.pilotlaunch.signoff.MilestoneHandOff.Candidate;
import io.pilotlaunch.signoff.MilestoneHandOff.HandOff;
import io.pilotlaunch.signoff.MilestoneHandOff.Status;
import io.pilotlaunch.support.PilotSteps;
import io.pilotlaunch.teams.Team;
import io.pilotlaunch.web.HumanTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Milestone 7 as a completed pilot hands it over: the M6 hand-off (its real delegate) starts {@code
 * PostMvpEnhancements} in the pilot's tenant, and the hook runs its document: pre-checklist, one
 * planning task per candidate, their reviews, the exit and the milestone review. {@link
 * MilestoneHandOff} reads each candidate's state from history meanwhile. Together these tests cover
 * every flow node and sequence flow of the model.
 */
@Deployment(
    resources = {
      MvpPilotLaunchProcess.RESOURCE,
      PostMvpEnhancementsProcess.RESOURCE,
      "forms/checklist-item.form",
      "forms/review-item.form",
      "forms/enhancement-adr.form"
    })
class PostMvpEnhancementsProcessTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension =
      ProcessEngineCoverageExtension.builder()
          .configurationResource(PilotLaunchDriver.MODEL_TEST_ENGINE)
          .excludeProcessDefinitionKeys(MvpPilotLaunchProcess.PROCESS_ID)
          .assertClassCoverageAtLeast(1.0)
          .build();

  ProcessEngine engine;
  PilotLaunchDriver pilot;
  MilestoneHandOff handOffs;
  Instant now = Instant.parse("2026-12-03T09:00:00Z");

  @BeforeEach
  void setUp() {
    engine = extension.getProcessEngine();
    BpmnAwareTests.init(engine);
    pilot = new PilotLaunchDriver(engine);
    configuration().setTenantIdProvider(new PilotTenantIdProvider());
    handOffs = new MilestoneHandOff(engine.getHistoryService(), new HumanTime(ZoneOffset.UTC));
    ClockUtil.setCurrentTime(Date.from(now));
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    configuration().setTenantIdProvider(null);
    Mocks.reset();
    BpmnAwareTests.reset();
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  @Test
  void aPilotsCandidatesEachGetAPlanningTaskAndTheHookRunsToItsEnd() {
    ProcessInstance m7 = handOff("Single sign-on\nCSV export of the audit log", "Bulk import");
    assertThat(m7).hasBusinessKey(PilotLaunchDriver.TENANT);
    assertThat(m7.getTenantId()).isEqualTo(PilotLaunchDriver.TENANT);
    assertThat(m7).isWaitingAt(TASK_CONFIRM_HANDED_OVER_CANDIDATES, TASK_CONFIRM_ROADMAP_STATUS);
    Task confirm = task(m7, TASK_CONFIRM_HANDED_OVER_CANDIDATES);
    assertThat(confirm).hasCandidateGroup(Team.PRODUCT_MANAGEMENT.groupId());
    assertThat(engine.getTaskService().getVariable(confirm.getId(), "details"))
        .isEqualTo("Single sign-on\nCSV export of the audit log\nBulk import");
    assertThat(handOff().candidates())
        .extracting(Candidate::status)
        .containsOnly(Status.UNKNOWN)
        .hasSize(3);

    passPreChecklist(m7);
    List<Task> planning = tasks(m7, TASK_PLAN_ENHANCEMENT_CANDIDATE);
    assertThat(planning)
        .extracting(
            t -> engine.getTaskService().getVariable(t.getId(), Variables.ENHANCEMENT_CANDIDATE))
        .containsExactlyInAnyOrder("Single sign-on", "CSV export of the audit log", "Bulk import");
    assertThat(planning.get(0)).hasCandidateGroup(Team.ARCHITECTURE.groupId());
    assertThat(engine.getTaskService().getVariable(planning.get(0).getId(), "branch"))
        .isEqualTo("docs/m7-p1-enhancement-adrs");
    assertThat(handOff().candidates()).extracting(Candidate::status).containsOnly(Status.OPEN);

    plan(m7, "Single sign-on", "ADR 0030: Single sign-on");
    plan(m7, "CSV export of the audit log", null);
    plan(m7, "Bulk import", null);
    HandOff planned = handOff();
    assertThat(planned.planned()).isEqualTo(3);
    assertThat(planned.candidates().get(0))
        .extracting(Candidate::text, Candidate::adrNeeded, Candidate::adrTitle)
        .containsExactly("Single sign-on", true, "ADR 0030: Single sign-on");
    assertThat(planned.candidates().get(1).adrNeeded()).isFalse();

    assertThat(m7).isWaitingAt(TASK_REVIEW_ENHANCEMENT_PLANS, TASK_REVIEW_ADR_INDEX);
    assertThat(task(m7, TASK_REVIEW_ADR_INDEX)).hasCandidateGroup(Team.DOCS_STANDARDS.groupId());
    complete(m7, TASK_REVIEW_ENHANCEMENT_PLANS, PilotSteps.approve());
    complete(m7, TASK_REVIEW_ADR_INDEX, PilotSteps.approve());
    assertThat(m7).hasPassed(GATEWAY_EVERY_CANDIDATE_PLANNED);
    passMilestoneReview(m7);
    assertThat(m7).isEnded().hasPassed(END_EVENT_ENHANCEMENT_CANDIDATES_PLANNED);
    assertThat(handOff().state()).isEqualTo("completed");
  }

  @Test
  void aPilotWithoutCandidatesGoesFromThePreChecklistStraightToTheReviews() {
    ProcessInstance m7 = handOff("", "");
    assertThat(m7).variables().containsEntry(Variables.ENHANCEMENT_CANDIDATE_COUNT, 0);
    assertThat(
            engine
                .getTaskService()
                .getVariable(task(m7, TASK_CONFIRM_HANDED_OVER_CANDIDATES).getId(), "details"))
        .isEqualTo("The pilot handed over no enhancement candidates.");
    passPreChecklist(m7);
    assertThat(m7).isWaitingAt(TASK_REVIEW_ENHANCEMENT_PLANS, TASK_REVIEW_ADR_INDEX);
    assertThat(tasks(m7, TASK_PLAN_ENHANCEMENT_CANDIDATE)).isEmpty();
    HandOff handOff = handOff();
    assertThat(handOff.candidates()).isEmpty();
    assertThat(handOff.state()).isEqualTo("running");
  }

  @Test
  void aPreChecklistItemNotDoneIsResolvedAndOnlyThatItemIsCheckedAgain() {
    ProcessInstance m7 = handOff("Bulk import", "");
    complete(m7, TASK_CONFIRM_HANDED_OVER_CANDIDATES, PilotSteps.notDone("SSO is missing"));
    complete(m7, TASK_CONFIRM_ROADMAP_STATUS, PilotSteps.done());
    assertThat(m7).isWaitingAt(TASK_RESOLVE_PRE_CHECKLIST_DRIFT);
    complete(m7, TASK_RESOLVE_PRE_CHECKLIST_DRIFT, PilotSteps.done());
    assertThat(m7).isWaitingAt(TASK_CONFIRM_HANDED_OVER_CANDIDATES);
    complete(m7, TASK_CONFIRM_HANDED_OVER_CANDIDATES, PilotSteps.done());
    assertThat(m7).isWaitingAt(TASK_PLAN_ENHANCEMENT_CANDIDATE);
  }

  /**
   * Rejected plans are planned again, every candidate; the hand-off then reports the latest plan. A
   * rejected milestone review is resolved and reviewed again.
   */
  @Test
  void rejectedPlansArePlannedAgainAndARejectedMilestoneReviewIsReviewedAgain() {
    ProcessInstance m7 = handOff("Bulk import", "");
    passPreChecklist(m7);
    plan(m7, "Bulk import", null);
    complete(
        m7, TASK_REVIEW_ENHANCEMENT_PLANS, PilotSteps.reject("Bulk import needs an ADR: new API"));
    complete(m7, TASK_REVIEW_ADR_INDEX, PilotSteps.approve());
    assertThat(m7).isWaitingAt(TASK_RESOLVE_ENHANCEMENT_PLAN_FINDINGS);
    complete(m7, TASK_RESOLVE_ENHANCEMENT_PLAN_FINDINGS, PilotSteps.done());
    assertThat(handOff().candidates().get(0).status())
        .as("the candidate is being planned again")
        .isEqualTo(Status.OPEN);
    plan(m7, "Bulk import", "ADR 0031: Bulk import API");
    assertThat(handOff().candidates())
        .singleElement()
        .extracting(Candidate::status, Candidate::adrTitle)
        .containsExactly(Status.PLANNED, "ADR 0031: Bulk import API");
    complete(m7, TASK_REVIEW_ENHANCEMENT_PLANS, PilotSteps.approve());
    complete(m7, TASK_REVIEW_ADR_INDEX, PilotSteps.approve());

    complete(m7, TASK_CONFIRM_PHASE_EXIT_CRITERIA, PilotSteps.approve());
    complete(
        m7, TASK_CONFIRM_ARTIFACTS_MATCH_ROADMAP, PilotSteps.reject("index says M7 not started"));
    complete(m7, TASK_RESOLVE_MILESTONE_REVIEW_FINDINGS, PilotSteps.done());
    assertThat(m7)
        .isWaitingAt(TASK_CONFIRM_PHASE_EXIT_CRITERIA, TASK_CONFIRM_ARTIFACTS_MATCH_ROADMAP);
    passMilestoneReview(m7);
    assertThat(m7).isEnded();
  }

  // ------------------------------------------------------------------ steps

  /** A completed pilot hands off: the candidates product management kept, then the feedback's. */
  private ProcessInstance handOff(String kept, String fromFeedback) {
    pilot.startBefore(
        Elements.TASK_START_POST_MVP_ENHANCEMENTS,
        Map.of(
            MvpPilotLaunchProcess.Variables.PILOT_ADR_CANDIDATES,
            kept,
            MvpPilotLaunchProcess.Variables.PILOT_ENHANCEMENT_CANDIDATES,
            fromFeedback));
    pilot.executeJob(Elements.TASK_START_POST_MVP_ENHANCEMENTS);
    return engine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processDefinitionKey(PostMvpEnhancementsProcess.PROCESS_ID)
        .singleResult();
  }

  /** What the pilot's pages and ticked document show of its hand-off. */
  private HandOff handOff() {
    PilotRun run =
        new PilotRun(
            1,
            PilotLaunchDriver.TENANT,
            pilot.instance.getId(),
            RunStatus.COMPLETED,
            "pm-alice",
            now,
            now,
            MilestoneStatus.COMPLETED);
    return handOffs.of(run).orElseThrow();
  }

  private void passPreChecklist(ProcessInstance m7) {
    complete(m7, TASK_CONFIRM_HANDED_OVER_CANDIDATES, PilotSteps.done());
    complete(m7, TASK_CONFIRM_ROADMAP_STATUS, PilotSteps.done());
  }

  private void passMilestoneReview(ProcessInstance m7) {
    complete(m7, TASK_CONFIRM_PHASE_EXIT_CRITERIA, PilotSteps.approve());
    complete(m7, TASK_CONFIRM_ARTIFACTS_MATCH_ROADMAP, PilotSteps.approve());
  }

  /** Architecture plans one candidate: with that ADR, or none needed when adrTitle is null. */
  private void plan(ProcessInstance m7, String candidate, String adrTitle) {
    Task task =
        tasks(m7, TASK_PLAN_ENHANCEMENT_CANDIDATE).stream()
            .filter(
                t ->
                    candidate.equals(
                        engine
                            .getTaskService()
                            .getVariable(t.getId(), Variables.ENHANCEMENT_CANDIDATE)))
            .findFirst()
            .orElseThrow();
    engine.getTaskService().setAssignee(task.getId(), "arch-bob");
    tick();
    pilot.submit(
        task,
        adrTitle == null
            ? Map.of("adrNeeded", false, "comment", "fits the current design")
            : Map.of(
                "adrNeeded",
                true,
                "adrTitle",
                adrTitle,
                "adrLink",
                "https://git.example.test/adr/" + adrTitle.hashCode()));
  }

  private void complete(ProcessInstance m7, String taskKey, Map<String, Object> variables) {
    tick();
    pilot.submit(task(m7, taskKey), variables);
  }

  /** A second passes between two steps, as between two people's clicks. */
  private void tick() {
    now = now.plusSeconds(1);
    ClockUtil.setCurrentTime(Date.from(now));
  }

  private Task task(ProcessInstance m7, String taskKey) {
    List<Task> tasks = tasks(m7, taskKey);
    assertThat(tasks).as("open tasks %s", taskKey).hasSize(1);
    return tasks.get(0);
  }

  private List<Task> tasks(ProcessInstance m7, String taskKey) {
    return engine
        .getTaskService()
        .createTaskQuery()
        .processInstanceId(m7.getId())
        .taskDefinitionKey(taskKey)
        .list();
  }
}
