package io.pilotlaunch.process;

/**
 * The names of process {@code PostMvpEnhancements} (Milestone 7 hook) that the code uses; the model
 * is edited in Camunda Modeler, and a model test checks that each name exists in it.
 */
public final class PostMvpEnhancementsProcess {

  public static final String PROCESS_ID = "PostMvpEnhancements";
  public static final String RESOURCE = "processes/PostMvpEnhancements.bpmn";

  private PostMvpEnhancementsProcess() {}

  public static final class Elements {
    /** Post-MVP enhancements requested */
    public static final String START_EVENT_POST_MVP_ENHANCEMENTS_REQUESTED =
        "StartEvent_PostMvpEnhancementsRequested";

    /** Plan post-MVP enhancement candidate */
    public static final String TASK_PLAN_ENHANCEMENT_CANDIDATE = "Task_PlanEnhancementCandidate";

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

    /** the MvpPilotLaunch instance that handed off */
    public static final String SOURCE_PROCESS_INSTANCE_ID = "sourceProcessInstanceId";

    /** Context the hand-off passes at the start; the model itself does not name it. */
    public static final java.util.Set<String> WRITTEN_BY_CODE =
        java.util.Set.of(SOURCE_PROCESS_INSTANCE_ID, ENHANCEMENT_CANDIDATE_COUNT);

    private Variables() {}
  }
}
