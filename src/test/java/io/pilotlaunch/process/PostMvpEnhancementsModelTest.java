package io.pilotlaunch.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.process.MilestoneDocument.Box;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Milestone 7's document and its model point at each other the way Milestone 6's do: every "- [ ]"
 * line of docs/milestones/m7-post-mvp-enhancements.md is carried by exactly one element of
 * PostMvpEnhancements ({@code checklistItem} = {@code m7.<section>.…}, documentation quoting the
 * line), inside the subprocess of its section, and no element carries a line the document lacks.
 */
class PostMvpEnhancementsModelTest {

  static final Path DOCUMENT = Path.of("docs/milestones/m7-post-mvp-enhancements.md");

  static String document;
  static BpmnModelInstance model;

  @BeforeAll
  static void load() throws IOException {
    document = Files.readString(DOCUMENT);
    model = Bpmn.readModelFromFile(Path.of(PostMvpEnhancementsProcess.RESOURCE).toFile());
  }

  static List<FlowElement> carriers(BpmnModelInstance model) {
    return model.getModelElementsByType(FlowElement.class).stream()
        .filter(element -> MilestoneDocument.checklistItem(element) != null)
        .toList();
  }

  /** All the ways document and model disagree; empty when they match one to one. */
  static List<String> problems(String document, BpmnModelInstance model) {
    List<Box> boxes = MilestoneDocument.boxes(document);
    List<FlowElement> carriers = carriers(model);
    List<String> problems = new ArrayList<>();
    for (Box box : boxes) {
      List<String> carrying =
          carriers.stream()
              .filter(element -> MilestoneDocument.carries(element, box))
              .map(FlowElement::getId)
              .toList();
      if (carrying.size() != 1) {
        problems.add(box + " is carried by " + carrying + ", expected one element");
      }
    }
    for (FlowElement element : carriers) {
      String item = MilestoneDocument.checklistItem(element);
      if (!item.startsWith("m7.")) {
        problems.add(element.getId() + " carries " + item + ", not an m7 item");
      }
      if (boxes.stream().noneMatch(box -> MilestoneDocument.carries(element, box))) {
        problems.add(element.getId() + " (" + item + ") carries no line of the document");
      }
    }
    return problems;
  }

  @Test
  void everyLineOfTheDocumentIsCarriedByExactlyOneElementAndBack() {
    assertThat(MilestoneDocument.boxes(document))
        .extracting(Box::section)
        .containsExactly("pre", "pre", "phase1", "phase1", "phase1", "phase1", "review", "review");
    assertThat(problems(document, model)).isEmpty();
  }

  @Test
  void eachCarrierLiesInTheSubprocessOfItsSection() {
    List<String> sections = new ArrayList<>();
    for (FlowElement element : carriers(model)) {
      SubProcess section = (SubProcess) element.getParentElement();
      sections.add(
          MilestoneDocument.sectionOf(MilestoneDocument.checklistItem(element))
              + "@"
              + section.getId());
    }
    assertThat(sections)
        .containsOnly(
            "pre@" + PostMvpEnhancementsProcess.Elements.SUB_PROCESS_PRE_CHECKLIST,
            "phase1@" + PostMvpEnhancementsProcess.Elements.SUB_PROCESS_PHASE1_ENHANCEMENT_PLANNING,
            "review@" + PostMvpEnhancementsProcess.Elements.SUB_PROCESS_MILESTONE_REVIEW);
  }

  @Test
  void theExitCriterionIsCarriedByTheGatewayThatDecidesIt() {
    assertThat(carriers(model))
        .filteredOn(element -> MilestoneDocument.checklistItem(element).contains(".exit."))
        .extracting(FlowElement::getId)
        .containsExactly(PostMvpEnhancementsProcess.Elements.GATEWAY_EVERY_CANDIDATE_PLANNED);
  }

  @Test
  void aLineAddedToTheDocumentIsReported() {
    String drifted =
        document.replace(
            "- [ ] Opened ADRs are listed in the ADR index.",
            "- [ ] Opened ADRs are listed in the ADR index.\n- [ ] Enhancement ADRs are estimated.");
    assertThat(problems(drifted, model))
        .containsExactly(
            "Box[section=phase1, text=Enhancement ADRs are estimated.] is carried by [], expected"
                + " one element");
  }

  @Test
  void aLineRewordedInTheDocumentIsReportedBothWays() {
    String drifted =
        document.replace(
            "- [ ] Roadmap status and owners are current.", "- [ ] Roadmap owners are current.");
    assertThat(problems(drifted, model))
        .containsExactly(
            "Box[section=pre, text=Roadmap owners are current.] is carried by [], expected one"
                + " element",
            PostMvpEnhancementsProcess.Elements.TASK_CONFIRM_ROADMAP_STATUS
                + " (m7.pre.roadmap-status) carries no line of the document");
  }

  @Test
  void theDocumentNamesItsDependencyAndTheBranchTheModelWorksOn() {
    assertThat(document)
        .startsWith("# Milestone 7: Post-MVP Enhancements Hook\n\n- Status: Not Started\n")
        .contains(
            "- Dependency: [Milestone 6: MVP Pilot Launch](./m6-mvp-pilot-launch.md) `Completed`");
    String xml = Bpmn.convertToString(model);
    for (String branch : List.of("docs/m7-p1-enhancement-adrs", "chore/m7-integration")) {
      assertThat(document).contains("`" + branch + "`");
      assertThat(xml).contains(">" + branch + "<");
    }
  }
}
