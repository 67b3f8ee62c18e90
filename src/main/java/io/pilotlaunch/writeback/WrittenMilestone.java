package io.pilotlaunch.writeback;

import io.pilotlaunch.milestones.MilestoneDefinition;
import io.pilotlaunch.milestones.MilestoneDefinition.BranchPlan;
import io.pilotlaunch.milestones.MilestoneDefinition.Section;
import io.pilotlaunch.milestones.MilestoneDefinitions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;

/**
 * A milestone whose completed runs can be written back, as its definition says: the process that
 * runs it, the end event that means "completed" (the one its milestone review leads to; an abort or
 * a cancellation ends elsewhere and writes nothing), where its document lies in the team's
 * repository, and the branch and target of its last "Branch and PR Plan" that names one branch.
 */
record WrittenMilestone(
    String id,
    String processKey,
    String completedEndEvent,
    String documentPath,
    String branch,
    String target) {

  /** The registered milestones that can be written back: those with a review and a branch. */
  static final Map<String, WrittenMilestone> KNOWN =
      known(MilestoneDefinitions.fromClassPath(WrittenMilestone.class.getClassLoader()).all());

  static Optional<WrittenMilestone> of(String id) {
    return Optional.ofNullable(KNOWN.get(id));
  }

  /** "M6": how the roadmap index and commit messages name the milestone. */
  String label() {
    return id.toUpperCase(Locale.ROOT);
  }

  static Map<String, WrittenMilestone> known(List<MilestoneDefinition> definitions) {
    Map<String, WrittenMilestone> known = new LinkedHashMap<>();
    for (MilestoneDefinition definition : definitions) {
      of(definition).ifPresent(milestone -> known.put(milestone.id(), milestone));
    }
    return Map.copyOf(known);
  }

  private static Optional<WrittenMilestone> of(MilestoneDefinition definition) {
    Optional<BranchPlan> plan =
        definition.sections().stream()
            .map(Section::branchPlan)
            .flatMap(Optional::stream)
            .filter(branchPlan -> !branchPlan.pattern())
            .reduce((first, second) -> second);
    Optional<String> review =
        definition.section("review").map(Section::subProcessId).filter(id -> id != null);
    if (plan.isEmpty() || review.isEmpty()) {
      return Optional.empty();
    }
    return endAfter(definition.modelResource(), review.get())
        .map(
            endEvent ->
                new WrittenMilestone(
                    definition.id(),
                    definition.processKey(),
                    endEvent,
                    "docs/" + definition.documentResource(),
                    plan.get().branch(),
                    plan.get().prTarget()));
  }

  /** The process's end event that the subprocess leads to, along its outgoing flows. */
  private static Optional<String> endAfter(String modelResource, String subProcessId) {
    BpmnModelInstance model = read(modelResource);
    FlowNode node = model.getModelElementById(subProcessId);
    for (int steps = 0; node != null && steps < 20; steps++) {
      if (node instanceof EndEvent && node.getParentElement() instanceof Process) {
        return Optional.of(node.getId());
      }
      node = node.getOutgoing().stream().map(SequenceFlow::getTarget).findFirst().orElse(null);
    }
    return Optional.empty();
  }

  private static BpmnModelInstance read(String resource) {
    try (InputStream in = WrittenMilestone.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("The model " + resource + " is not on the class path");
      }
      return Bpmn.readModelFromStream(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
