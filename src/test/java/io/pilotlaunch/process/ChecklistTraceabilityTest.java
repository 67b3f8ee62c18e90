package io.pilotlaunch.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.process.MilestoneDocument.Box;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The milestone document and the model cannot drift apart silently: every "- [ ]" line of
 * docs/milestones/m6-mvp-pilot-launch.md is carried by at least one model element (extension
 * property {@code checklistItem}), and every element with {@code checklistItem} maps to exactly one
 * line — the line its documentation quotes, in the section its id names ({@code m6.<section>.*}).
 * It reads the document with {@link MilestoneDocument}, as the export does.
 */
class ChecklistTraceabilityTest {

  static final Path DOCUMENT = Path.of("docs/milestones/m6-mvp-pilot-launch.md");
  static final Path MODEL = Path.of("processes/MvpPilotLaunch.bpmn");

  static String document;
  static BpmnModelInstance model;

  @BeforeAll
  static void load() throws IOException {
    document = Files.readString(DOCUMENT);
    model = Bpmn.readModelFromFile(MODEL.toFile());
  }

  /** A model element that carries a checklist item. */
  record Carrier(FlowElement element, String checklistItem) {
    String elementId() {
      return element.getId();
    }

    String documentation() {
      return MilestoneDocument.documentation(element);
    }
  }

  static List<Box> checklistLines(String markdown) {
    return MilestoneDocument.boxes(markdown);
  }

  static List<Carrier> carriers(BpmnModelInstance model) {
    return model.getModelElementsByType(FlowElement.class).stream()
        .filter(element -> MilestoneDocument.checklistItem(element) != null)
        .map(element -> new Carrier(element, MilestoneDocument.checklistItem(element)))
        .toList();
  }

  /** All the ways document and model disagree; empty when they match. */
  static List<String> problems(List<Box> lines, List<Carrier> carriers) {
    List<String> problems = new ArrayList<>();
    Map<Box, List<String>> elementsByLine = new LinkedHashMap<>();
    lines.forEach(l -> elementsByLine.put(l, new ArrayList<>()));
    Map<String, Box> lineByItem = new HashMap<>();
    for (Carrier c : carriers) {
      List<Box> matches =
          lines.stream().filter(l -> MilestoneDocument.carries(c.element(), l)).toList();
      if (matches.size() != 1) {
        problems.add(
            c.elementId()
                + " ("
                + c.checklistItem()
                + ") maps to "
                + matches.size()
                + " lines, expected 1");
        continue;
      }
      Box line = matches.get(0);
      elementsByLine.get(line).add(c.elementId());
      Box previous = lineByItem.putIfAbsent(c.checklistItem(), line);
      if (previous != null && !previous.equals(line)) {
        problems.add(c.checklistItem() + " is used for two lines: " + previous + " and " + line);
      }
    }
    Map<Box, String> itemByLine = new HashMap<>();
    lineByItem.forEach(
        (item, line) -> {
          String other = itemByLine.putIfAbsent(line, item);
          if (other != null) {
            problems.add(line + " has two checklist item ids: " + other + " and " + item);
          }
        });
    elementsByLine.forEach(
        (line, elements) -> {
          if (elements.isEmpty()) {
            problems.add("no model element carries " + line);
          }
        });
    return problems;
  }

  @Test
  void everyChecklistLineMapsToTheModelAndBack() {
    List<Box> lines = checklistLines(document);
    assertThat(lines).hasSize(31);
    assertThat(problems(lines, carriers(model))).isEmpty();
  }

  @Test
  void milestoneStatusLineAppearsTwiceWithDistinctIds() {
    List<Carrier> status =
        carriers(model).stream()
            .filter(c -> c.documentation().contains("Milestone status set to `Completed`."))
            .toList();
    assertThat(status)
        .extracting(Carrier::checklistItem)
        .containsExactlyInAnyOrder(
            MvpPilotLaunchProcess.ChecklistItems.PHASE3_EXIT_MILESTONE_STATUS_COMPLETED,
            MvpPilotLaunchProcess.ChecklistItems.REVIEW_MILESTONE_STATUS_COMPLETED);
  }

  @Test
  void exitCriteriaAreCarriedByGateways() {
    assertThat(carriers(model))
        .filteredOn(
            c -> c.checklistItem().contains(".exit.") && !c.checklistItem().contains("status"))
        .extracting(Carrier::elementId)
        .allMatch(id -> id.startsWith("Gateway_"))
        .hasSize(3);
  }

  @Test
  void aLineAddedToTheDocumentIsReported() {
    String drifted =
        document.replace(
            "- [ ] Fixes reviewed and tested.",
            "- [ ] Fixes reviewed and tested.\n- [ ] Pilot retrospective is held.");
    assertThat(problems(checklistLines(drifted), carriers(model)))
        .containsExactly(
            "no model element carries Box[section=phase2, text=Pilot retrospective is held.]");
  }

  @Test
  void aLineReworded_orRemovedFromTheDocumentIsReported() {
    String drifted = document.replace("- [ ] Security and access validation complete.\n", "");
    assertThat(problems(checklistLines(drifted), carriers(model)))
        .anyMatch(
            p ->
                p.startsWith(
                    "Task_ValidateSecurityAccess (m6.phase1.review.security-access) maps to 0 lines"));
  }
}
