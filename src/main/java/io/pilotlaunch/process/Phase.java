package io.pilotlaunch.process;

import io.pilotlaunch.process.MvpPilotLaunchProcess.Elements;

/** The sections of the milestone document that the model runs as subprocesses, in order. */
public enum Phase {
  PRE_CHECKLIST(
      Elements.SUB_PROCESS_PRE_CHECKLIST,
      "Milestone Pre-Checklist",
      Elements.END_EVENT_PRE_CHECKLIST_COMPLETE,
      "Pre-checklist complete"),
  ONBOARDING(
      Elements.SUB_PROCESS_PHASE1_PILOT_TENANT_ONBOARDING,
      "Phase 1: Pilot Tenant Onboarding",
      Elements.END_EVENT_PHASE1_COMPLETE,
      "Tenant is ready for live pilot workflows."),
  EXECUTION(
      Elements.SUB_PROCESS_PHASE2_PILOT_EXECUTION,
      "Phase 2: Pilot Execution and Support",
      Elements.END_EVENT_PHASE2_COMPLETE,
      "Pilot runs with no unresolved critical issues."),
  EXIT(
      Elements.SUB_PROCESS_PHASE3_PILOT_EXIT_SIGN_OFF,
      "Phase 3: Pilot Exit and MVP Sign-Off",
      Elements.END_EVENT_PHASE3_COMPLETE,
      "MVP pilot is formally accepted."),
  MILESTONE_REVIEW(
      Elements.SUB_PROCESS_MILESTONE_REVIEW,
      "Milestone Review Checklist",
      Elements.END_EVENT_MILESTONE_REVIEW_COMPLETE,
      "All phase exit criteria are complete.");

  private final String subProcessId;
  private final String title;
  private final String endEventId;
  private final String exitCriterion;

  Phase(String subProcessId, String title, String endEventId, String exitCriterion) {
    this.subProcessId = subProcessId;
    this.title = title;
    this.endEventId = endEventId;
    this.exitCriterion = exitCriterion;
  }

  public String subProcessId() {
    return subProcessId;
  }

  /** As the document's heading begins. */
  public String title() {
    return title;
  }

  public String endEventId() {
    return endEventId;
  }

  public String exitCriterion() {
    return exitCriterion;
  }
}
