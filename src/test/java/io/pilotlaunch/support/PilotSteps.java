package io.pilotlaunch.support;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Elements.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the teams complete each task of the model: which tasks make up each step of a pilot, and what
 * their forms submit. The one place that knows it; the engine-only driver, the Spring driver and
 * the REST driver all take their steps from here.
 */
public final class PilotSteps {

  public static final List<String> PRE_CHECKLIST =
      List.of(
          TASK_DEFINE_PILOT_SCOPE,
          TASK_FINALIZE_ONBOARDING_CHECKLIST,
          TASK_DOCUMENT_ROLLBACK_PATHS,
          TASK_DOCUMENT_SUPPORT_OWNERSHIP,
          TASK_CONFIRM_ROADMAP_STATUS);
  public static final List<String> PHASE1_REVIEWS =
      List.of(
          TASK_VALIDATE_ONBOARDING_CHECKLIST,
          TASK_VALIDATE_SECURITY_ACCESS,
          TASK_REVIEW_ONBOARDING_DOCS);
  public static final List<String> PHASE2_REVIEWS =
      List.of(TASK_REVIEW_SUPPORT_SLAS, TASK_REVIEW_FIXES_TESTED, TASK_REVIEW_FEEDBACK_MAPPING);
  public static final List<String> SIGN_OFFS =
      List.of(TASK_SIGN_OFF_PRODUCT, TASK_SIGN_OFF_QA, TASK_SIGN_OFF_SECURITY, TASK_SIGN_OFF_OPS);
  public static final List<String> PHASE3_REVIEWS =
      List.of(TASK_ACCEPT_REMAINING_RISKS, TASK_REVIEW_SUMMARY_ALIGNMENT);
  public static final List<String> MILESTONE_REVIEW =
      List.of(
          TASK_CONFIRM_PHASE_EXIT_CRITERIA,
          TASK_CONFIRM_ARTIFACTS_MATCH_ROADMAP,
          TASK_CONFIRM_STANDARDS_CONSISTENCY);

  private PilotSteps() {}

  /** A checklist item ticked, with its evidence. */
  public static Map<String, Object> done() {
    return Map.of(
        "done", true, "evidenceLink", "https://wiki.example.test/pilot/evidence", "comment", "ok");
  }

  /** A checklist item not done: the form asks why. */
  public static Map<String, Object> notDone(String why) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("done", false);
    variables.put("comment", why);
    return variables;
  }

  public static Map<String, Object> approve() {
    return Map.of("decision", "approve", "comment", "looks good");
  }

  public static Map<String, Object> reject(String reason) {
    return Map.of("decision", "reject", "rejectionReason", reason);
  }

  public static Map<String, Object> signOff() {
    return Map.of("decision", "signOff");
  }

  /** A rejected sign-off naming what must be redone: summary, acceptance, adrs or signoffs. */
  public static Map<String, Object> rejectSignOff(String reason, String redo) {
    return Map.of("decision", "reject", "rejectionReason", reason, "redo", redo);
  }

  /** The pilot-summary form: the edited summary, the kept ADR candidates, confirmed. */
  public static Map<String, Object> confirmSummary(String summary, String adrCandidates) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("summary", summary);
    variables.put("adrCandidates", adrCandidates);
    variables.put("confirmed", true);
    return variables;
  }

  /** The ADR task of an enhancement candidate: an ADR is needed, with its title and link. */
  public static Map<String, Object> adr(String id) {
    return Map.of(
        "adrNeeded",
        true,
        "adrTitle",
        "ADR: " + id,
        "adrLink",
        "https://git.example.test/adr/" + id);
  }

  /** What a team submits for this task on the straight path: ticked, approved or signed off. */
  public static Map<String, Object> straight(String taskKey) {
    if (SIGN_OFFS.contains(taskKey)) {
      return signOff();
    }
    if (PHASE1_REVIEWS.contains(taskKey)
        || PHASE2_REVIEWS.contains(taskKey)
        || PHASE3_REVIEWS.contains(taskKey)
        || MILESTONE_REVIEW.contains(taskKey)
        || TASK_REVIEW_AND_TEST_FIX.equals(taskKey)) {
      return approve();
    }
    return done();
  }

  /**
   * Who completes the tasks, the engine's API or the REST API: the steps of a pilot are the same
   * whichever does.
   */
  public interface Driver {

    /** Completes the task of that key once it is open; returns it or its id. */
    Object complete(String processInstanceId, String taskKey, Map<String, Object> variables);

    /** Waits for the task of that key to be open; returns it or its id. */
    Object awaitTask(String processInstanceId, String taskKey);

    default void passPreChecklist(String processInstanceId) {
      PRE_CHECKLIST.forEach(task -> complete(processInstanceId, task, done()));
    }

    /**
     * Phase 1 by hand: DevOps confirms the PR, QA verifies, the three reviews approve; Phase 2
     * begins. The onboarding jobs run on the app's job executor.
     */
    default void passPhase1(String processInstanceId) {
      complete(processInstanceId, TASK_CONFIRM_ONBOARDING_PR_MERGED, done());
      complete(processInstanceId, TASK_EXECUTE_ONBOARDING_VERIFICATION, done());
      PHASE1_REVIEWS.forEach(review -> complete(processInstanceId, review, approve()));
      awaitTask(processInstanceId, TASK_MONITOR_PILOT);
    }
  }
}
