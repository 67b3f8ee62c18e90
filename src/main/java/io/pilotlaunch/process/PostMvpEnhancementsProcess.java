package io.pilotlaunch.process;

import java.util.Set;

/**
 * The names of process {@code PostMvpEnhancements} (Milestone 7: Post-MVP Enhancements Hook,
 * processes/PostMvpEnhancements.bpmn, docs/milestones/m7-post-mvp-enhancements.md) that the code
 * uses; the model is edited in Camunda Modeler, and a model test checks that each name exists in
 * it.
 */
public final class PostMvpEnhancementsProcess {

  public static final String PROCESS_ID = "PostMvpEnhancements";
  public static final String RESOURCE = "processes/PostMvpEnhancements.bpmn";

  private PostMvpEnhancementsProcess() {}

  public static final class Elements {
    /** Post-MVP enhancements requested */
    public static final String START_EVENT_POST_MVP_ENHANCEMENTS_REQUESTED =
        "StartEvent_PostMvpEnhancementsRequested";

    /** Milestone Pre-Checklist (Alignment + Drift Control) */
    public static final String SUB_PROCESS_PRE_CHECKLIST = "SubProcess_EnhancementsPreChecklist";

    /** Enhancement candidates handed over by the pilot are confirmed */
    public static final String TASK_CONFIRM_HANDED_OVER_CANDIDATES =
        "Task_ConfirmHandedOverCandidates";

    /** Roadmap status and owners are current */
    public static final String TASK_CONFIRM_ROADMAP_STATUS =
        "Task_ConfirmEnhancementsRoadmapStatus";

    /** Resolve pre-checklist drift */
    public static final String TASK_RESOLVE_PRE_CHECKLIST_DRIFT =
        "Task_ResolveEnhancementsPreChecklistDrift";

    /** Phase 1: Enhancement Candidate Planning */
    public static final String SUB_PROCESS_PHASE1_ENHANCEMENT_PLANNING =
        "SubProcess_Phase1EnhancementPlanning";

    /** Plan post-MVP enhancement candidate (one per candidate) */
    public static final String TASK_PLAN_ENHANCEMENT_CANDIDATE = "Task_PlanEnhancementCandidate";

    /** Enhancement plans are agreed with product management */
    public static final String TASK_REVIEW_ENHANCEMENT_PLANS = "Task_ReviewEnhancementPlans";

    /** Opened ADRs are listed in the ADR index */
    public static final String TASK_REVIEW_ADR_INDEX = "Task_ReviewAdrIndex";

    /** Every candidate is planned? (the phase's exit criterion) */
    public static final String GATEWAY_EVERY_CANDIDATE_PLANNED = "Gateway_EveryCandidatePlanned";

    /** Resolve enhancement plan findings */
    public static final String TASK_RESOLVE_ENHANCEMENT_PLAN_FINDINGS =
        "Task_ResolveEnhancementPlanFindings";

    /** Milestone Review Checklist */
    public static final String SUB_PROCESS_MILESTONE_REVIEW =
        "SubProcess_EnhancementsMilestoneReview";

    /** All phase exit criteria are complete */
    public static final String TASK_CONFIRM_PHASE_EXIT_CRITERIA =
        "Task_ConfirmPlanningExitCriteria";

    /** Milestone artifacts match roadmap index status */
    public static final String TASK_CONFIRM_ARTIFACTS_MATCH_ROADMAP =
        "Task_ConfirmEnhancementsArtifactsMatchRoadmap";

    /** Resolve milestone review findings */
    public static final String TASK_RESOLVE_MILESTONE_REVIEW_FINDINGS =
        "Task_ResolveEnhancementsMilestoneReviewFindings";

    /** Enhancement candidates planned */
    public static final String END_EVENT_ENHANCEMENT_CANDIDATES_PLANNED =
        "EndEvent_EnhancementCandidatesPlanned";

    private Elements() {}
  }

  public static final class Variables {
    /** pilot tenant id */
    public static final String TENANT_ID = "tenantId";

    /** candidates, one per line */
    public static final String ENHANCEMENT_CANDIDATES = "enhancementCandidates";

    /** number of candidates */
    public static final String ENHANCEMENT_CANDIDATE_COUNT = "enhancementCandidateCount";

    /** The multi-instance element variable: each planning task's candidate. */
    public static final String ENHANCEMENT_CANDIDATE = "enhancementCandidate";

    /** the MvpPilotLaunch instance that handed off */
    public static final String SOURCE_PROCESS_INSTANCE_ID = "sourceProcessInstanceId";

    /** Context the hand-off passes at the start; the model itself does not name it. */
    public static final Set<String> WRITTEN_BY_CODE =
        Set.of(SOURCE_PROCESS_INSTANCE_ID, ENHANCEMENT_CANDIDATE_COUNT);

    private Variables() {}
  }
}
