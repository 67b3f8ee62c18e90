package io.pilotlaunch.milestones;

import io.pilotlaunch.milestones.MilestoneDefinition.Reference;
import io.pilotlaunch.milestones.MilestoneDefinition.Section;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The registered milestones as their documents and models define them. Read by any signed-in user:
 * a definition holds no pilot's data.
 */
@RestController
class MilestonesController {

  /** One milestone; {@code status} is its document's status line as written. */
  record MilestoneView(
      String id,
      int number,
      String title,
      String processKey,
      String document,
      String model,
      String status,
      Map<String, String> owners,
      List<ReferenceView> dependencies,
      ReferenceView successor,
      List<SectionView> sections) {}

  /** Another milestone, with the status the document names beside it (null: none). */
  record ReferenceView(String id, int number, String title, String link, String status) {}

  /** One section: its boxes counted, what runs it, where its work is branched and merged. */
  record SectionView(
      String key,
      String title,
      int boxes,
      String subProcessId,
      String endEventId,
      String exitGatewayId,
      String branch,
      Boolean branchPattern,
      String prTarget) {}

  private final MilestoneDefinitions definitions;

  MilestonesController(MilestoneDefinitions definitions) {
    this.definitions = definitions;
  }

  @GetMapping("/api/milestones")
  List<MilestoneView> milestones() {
    return definitions.all().stream().map(MilestonesController::view).toList();
  }

  private static MilestoneView view(MilestoneDefinition definition) {
    return new MilestoneView(
        definition.id(),
        definition.number(),
        definition.title(),
        definition.processKey(),
        definition.documentResource(),
        definition.modelResource(),
        definition.status(),
        definition.owners(),
        definition.dependencies().stream().map(MilestonesController::view).toList(),
        definition.successor().map(MilestonesController::view).orElse(null),
        definition.sections().stream().map(MilestonesController::view).toList());
  }

  private static ReferenceView view(Reference reference) {
    return new ReferenceView(
        reference.id(),
        reference.number(),
        reference.title(),
        reference.link(),
        reference.status());
  }

  private static SectionView view(Section section) {
    return new SectionView(
        section.key(),
        section.title(),
        section.boxes().size(),
        section.subProcessId(),
        section.endEventId(),
        section.exitGatewayId(),
        section.branchPlan().map(MilestoneDefinition.BranchPlan::branch).orElse(null),
        section.branchPlan().map(MilestoneDefinition.BranchPlan::pattern).orElse(null),
        section.branchPlan().map(MilestoneDefinition.BranchPlan::prTarget).orElse(null));
  }
}
