package io.pilotlaunch.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.milestones.MilestoneDefinition;
import io.pilotlaunch.milestones.MilestoneDefinitions;
import io.pilotlaunch.process.MilestoneDocument.Box;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A milestone's document and its model cannot drift apart silently, for every registered milestone
 * (those of the test class path too): every "- [ ]" line of the document is carried by at least one
 * model element (extension property {@code checklistItem}), and every element with {@code
 * checklistItem} maps to exactly one line — the line its documentation quotes, in the section its
 * id names ({@code m6.<section>.*}). It reads the documents with {@link MilestoneDocument}, as the
 * export does.
 */
class ChecklistTraceabilityTest {

  static final MilestoneDefinitions DEFINITIONS =
      MilestoneDefinitions.fromClassPath(ChecklistTraceabilityTest.class.getClassLoader());

  /** Milestone 6, on which the drift tests below show what the check reports. */
  static String document;

  static BpmnModelInstance model;

  @BeforeAll
  static void load() {
    MilestoneDefinition m6 = DEFINITIONS.get("m6");
    document = m6.document();
    model = modelOf(m6);
  }

  static List<MilestoneDefinition> definitions() {
    return DEFINITIONS.all();
  }

  /** Each milestone's model, read once for all tests. */
  private static final Map<String, BpmnModelInstance> MODELS = new ConcurrentHashMap<>();

  static BpmnModelInstance modelOf(MilestoneDefinition definition) {
    return MODELS.computeIfAbsent(
        definition.modelResource(),
        resource -> {
          try (InputStream in =
              ChecklistTraceabilityTest.class.getClassLoader().getResourceAsStream(resource)) {
            return Bpmn.readModelFromStream(in);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
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

  @ParameterizedTest(name = "{0}")
  @MethodSource("definitions")
  void everyChecklistLineMapsToTheModelAndBack(MilestoneDefinition definition) {
    List<Box> lines = checklistLines(definition.document());
    assertThat(lines).isNotEmpty().isEqualTo(definition.boxes());
    assertThat(problems(lines, carriers(modelOf(definition)))).isEmpty();
  }

  /** Each section with boxes runs in its own subprocess and leaves it at its end event. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("definitions")
  void everySectionHasItsSubprocessAndExit(MilestoneDefinition definition) {
    assertThat(definition.sections())
        .isNotEmpty()
        .allSatisfy(
            section -> {
              assertThat(section.subProcessId()).as(section.title()).isNotNull();
              assertThat(section.endEventId()).as(section.title()).isNotNull();
            });
  }

  @Test
  void milestone6HasItsThirtyOneLines() {
    assertThat(checklistLines(document)).hasSize(31);
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
