package io.pilotlaunch.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The milestone document and the model cannot drift apart silently: every "- [ ]" line of
 * docs/milestones/m6-mvp-pilot-launch.md is carried by at least one model element (extension
 * property {@code checklistItem}), and every element with {@code checklistItem} maps to exactly one
 * line — the line its documentation quotes, in the section its id names ({@code m6.<section>.*}).
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

  /** One "- [ ]" line: its section key (pre, phase1, phase2, phase3, review) and text. */
  record Line(String section, String text) {}

  /** A model element that carries a checklist item. */
  record Carrier(String elementId, String checklistItem, String documentation) {
    String section() {
      String[] parts = checklistItem.split("\\.");
      return parts.length > 2 && parts[0].equals("m6") ? parts[1] : "";
    }
  }

  static List<Line> checklistLines(String markdown) {
    List<Line> lines = new ArrayList<>();
    String section = "";
    for (String raw : markdown.split("\\R")) {
      if (raw.startsWith("## ")) {
        section = sectionKey(raw.substring(3));
      }
      Matcher m = Pattern.compile("^- \\[ \\] (.+)$").matcher(raw.trim());
      if (m.matches()) {
        lines.add(new Line(section, m.group(1).trim()));
      }
    }
    return lines;
  }

  static String sectionKey(String heading) {
    if (heading.startsWith("Milestone Pre-Checklist")) {
      return "pre";
    }
    Matcher phase = Pattern.compile("^Phase (\\d+):").matcher(heading);
    if (phase.find()) {
      return "phase" + phase.group(1);
    }
    if (heading.startsWith("Milestone Review Checklist")) {
      return "review";
    }
    return heading;
  }

  static List<Carrier> carriers(BpmnModelInstance model) {
    List<Carrier> result = new ArrayList<>();
    for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
      ExtensionElements extensions = element.getExtensionElements();
      if (extensions == null) {
        continue;
      }
      for (CamundaProperties properties : extensions.getElementsQuery().filterByType(CamundaProperties.class).list()) {
        for (CamundaProperty p : properties.getCamundaProperties()) {
          if (MvpPilotLaunchProcess.ChecklistItems.PROPERTY.equals(p.getCamundaName())) {
            String doc = String.join("\n",
                element.getDocumentations().stream().map(Documentation::getTextContent).toList());
            result.add(new Carrier(element.getId(), p.getCamundaValue(), doc));
          }
        }
      }
    }
    return result;
  }

  /** All the ways document and model disagree; empty when they match. */
  static List<String> problems(List<Line> lines, List<Carrier> carriers) {
    List<String> problems = new ArrayList<>();
    Map<Line, List<String>> elementsByLine = new LinkedHashMap<>();
    lines.forEach(l -> elementsByLine.put(l, new ArrayList<>()));
    Map<String, Line> lineByItem = new HashMap<>();
    for (Carrier c : carriers) {
      List<Line> matches = lines.stream()
          .filter(l -> l.section().equals(c.section()) && c.documentation().contains("\"- [ ] " + l.text() + "\""))
          .toList();
      if (matches.size() != 1) {
        problems.add(c.elementId() + " (" + c.checklistItem() + ") maps to " + matches.size() + " lines, expected 1");
        continue;
      }
      Line line = matches.get(0);
      elementsByLine.get(line).add(c.elementId());
      Line previous = lineByItem.putIfAbsent(c.checklistItem(), line);
      if (previous != null && !previous.equals(line)) {
        problems.add(c.checklistItem() + " is used for two lines: " + previous + " and " + line);
      }
    }
    Map<Line, String> itemByLine = new HashMap<>();
    lineByItem.forEach((item, line) -> {
      String other = itemByLine.putIfAbsent(line, item);
      if (other != null) {
        problems.add(line + " has two checklist item ids: " + other + " and " + item);
      }
    });
    elementsByLine.forEach((line, elements) -> {
      if (elements.isEmpty()) {
        problems.add("no model element carries " + line);
      }
    });
    return problems;
  }

  @Test
  void everyChecklistLineMapsToTheModelAndBack() {
    List<Line> lines = checklistLines(document);
    assertThat(lines).hasSize(31);
    assertThat(problems(lines, carriers(model))).isEmpty();
  }

  @Test
  void milestoneStatusLineAppearsTwiceWithDistinctIds() {
    List<Carrier> status = carriers(model).stream()
        .filter(c -> c.documentation().contains("Milestone status set to `Completed`.")).toList();
    assertThat(status).extracting(Carrier::checklistItem).containsExactlyInAnyOrder(
        MvpPilotLaunchProcess.ChecklistItems.PHASE3_EXIT_MILESTONE_STATUS_COMPLETED,
        MvpPilotLaunchProcess.ChecklistItems.REVIEW_MILESTONE_STATUS_COMPLETED);
  }

  @Test
  void exitCriteriaAreCarriedByGateways() {
    assertThat(carriers(model)).filteredOn(c -> c.checklistItem().contains(".exit.") && !c.checklistItem().contains("status"))
        .extracting(Carrier::elementId).allMatch(id -> id.startsWith("Gateway_")).hasSize(3);
  }

  @Test
  void aLineAddedToTheDocumentIsReported() {
    String drifted = document.replace("- [ ] Fixes reviewed and tested.",
        "- [ ] Fixes reviewed and tested.\n- [ ] Pilot retrospective is held.");
    assertThat(problems(checklistLines(drifted), carriers(model)))
        .containsExactly("no model element carries Line[section=phase2, text=Pilot retrospective is held.]");
  }

  @Test
  void aLineReworded_orRemovedFromTheDocumentIsReported() {
    String drifted = document.replace("- [ ] Security and access validation complete.\n", "");
    assertThat(problems(checklistLines(drifted), carriers(model)))
        .anyMatch(p -> p.startsWith("Task_ValidateSecurityAccess (m6.phase1.review.security-access) maps to 0 lines"));
  }
}
