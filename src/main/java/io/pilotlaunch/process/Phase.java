package io.pilotlaunch.process;

import io.pilotlaunch.process.MvpPilotLaunchProcess.Elements;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

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

  /** The subprocesses that hold the element, innermost first, at any depth. */
  public static Stream<SubProcess> enclosing(ModelElementInstance element) {
    return Stream.iterate(element, scope -> scope != null, ModelElementInstance::getParentElement)
        .filter(SubProcess.class::isInstance)
        .map(SubProcess.class::cast);
  }

  /** Whether the subprocess of that id holds the element, at any depth. */
  public static boolean within(ModelElementInstance element, String subProcessId) {
    return enclosing(element).anyMatch(subProcess -> subProcess.getId().equals(subProcessId));
  }

  /** The section of the document whose subprocess holds the element, at any depth. */
  public static Optional<Phase> of(ModelElementInstance element) {
    return enclosing(element)
        .flatMap(
            subProcess ->
                Arrays.stream(values()).filter(p -> p.subProcessId.equals(subProcess.getId())))
        .findFirst();
  }
}
