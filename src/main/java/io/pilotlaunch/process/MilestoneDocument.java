package io.pilotlaunch.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * How a milestone document (docs/milestones/m6-mvp-pilot-launch.md and the others of its format)
 * and its model point at each other: a "- [ ]" line (a box) in a section, and the model elements
 * that carry it, through their {@code checklistItem} property ({@code m6.<section>.<kind>.<name>})
 * and documentation that quotes the line. The definitions, the export and the traceability test
 * read documents through this one parser.
 */
public final class MilestoneDocument {

  private static final Pattern BOX = Pattern.compile("^- \\[ \\] (.+)$");
  private static final Pattern PHASE = Pattern.compile("^## Phase (\\d+):");
  private static final Pattern MILESTONE_PREFIX = Pattern.compile("m\\d+");

  /** One box: its section key (pre, phase1, phase2, phase3, review) and its text. */
  public record Box(String section, String text) {

    /** The line as an element's documentation quotes it. */
    public String quoted() {
      return "\"- [ ] " + text + "\"";
    }
  }

  private MilestoneDocument() {}

  /** Every box of the document, in order. */
  public static List<Box> boxes(String markdown) {
    List<Box> boxes = new ArrayList<>();
    String section = "";
    for (String line : markdown.split("\\R")) {
      section = sectionAfter(section, line);
      box(section, line).ifPresent(boxes::add);
    }
    return boxes;
  }

  /** The section a line opens, or the current one. */
  public static String sectionAfter(String current, String line) {
    if (!line.startsWith("## ")) {
      return current;
    }
    if (line.startsWith("## Milestone Pre-Checklist")) {
      return "pre";
    }
    Matcher phase = PHASE.matcher(line);
    if (phase.find()) {
      return "phase" + phase.group(1);
    }
    return line.startsWith("## Milestone Review Checklist") ? "review" : "";
  }

  /** The box on this line, if it is one. */
  public static Optional<Box> box(String section, String line) {
    Matcher box = BOX.matcher(line.trim());
    return box.matches() ? Optional.of(new Box(section, box.group(1).trim())) : Optional.empty();
  }

  /** The checklist item id an element carries, or null. */
  public static String checklistItem(BaseElement element) {
    if (element.getExtensionElements() == null) {
      return null;
    }
    return element
        .getExtensionElements()
        .getElementsQuery()
        .filterByType(CamundaProperties.class)
        .list()
        .stream()
        .flatMap(properties -> properties.getCamundaProperties().stream())
        .filter(
            property ->
                MvpPilotLaunchProcess.ChecklistItems.PROPERTY.equals(property.getCamundaName()))
        .map(CamundaProperty::getCamundaValue)
        .findFirst()
        .orElse(null);
  }

  /** The section key of a checklist item id ({@code m<number>.<section>.…}), or "". */
  public static String sectionOf(String checklistItem) {
    String[] parts = checklistItem.split("\\.");
    return parts.length > 2 && MILESTONE_PREFIX.matcher(parts[0]).matches() ? parts[1] : "";
  }

  /** Whether an element carries this box: same section, and its documentation quotes the line. */
  public static boolean carries(BaseElement element, Box box) {
    String item = checklistItem(element);
    return item != null
        && sectionOf(item).equals(box.section())
        && documentation(element).contains(box.quoted());
  }

  public static String documentation(BaseElement element) {
    return element.getDocumentations().stream()
        .map(Documentation::getTextContent)
        .collect(Collectors.joining("\n"));
  }
}
