package io.pilotlaunch.milestones;

import io.pilotlaunch.milestones.MilestoneDefinition.BranchPlan;
import io.pilotlaunch.milestones.MilestoneDefinition.Reference;
import io.pilotlaunch.milestones.MilestoneDefinition.Section;
import io.pilotlaunch.process.MilestoneDocument;
import io.pilotlaunch.process.MilestoneDocument.Box;
import io.pilotlaunch.process.MvpPilotLaunchProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Reads one milestone from its document and its model, both on the class path. The document's
 * format is Milestone 6's: a {@code # Milestone N: Title}, the {@code - Status:} and {@code -
 * Dependency:} lines, {@code ## Owners}, the checklist sections ({@link MilestoneDocument}) with
 * their {@code ### Branch and PR Plan}, and {@code ## Next Steps} naming the next milestone.
 */
final class MilestoneReader {

  private static final Pattern TITLE = Pattern.compile("^# Milestone (\\d+): (.+)$");
  private static final Pattern STATUS = Pattern.compile("^- Status: (.+)$");

  private static final Pattern REFERENCE =
      Pattern.compile("\\[Milestone (\\d+): ([^\\]]+)\\]\\(([^)]*)\\)(?:\\s*`([^`]+)`)?");
  private static final Pattern OWNER = Pattern.compile("^- ([^:]+): (.+)$");
  private static final Pattern SUCCESSOR =
      Pattern.compile("^Proceed to \\[Milestone (\\d+): ([^\\]]+)\\]\\(([^)]*)\\)");
  private static final Pattern BRANCH = Pattern.compile("^- Branch( pattern)?: `([^`]+)`$");
  private static final Pattern PR_TARGET = Pattern.compile("^- PR Target: `([^`]+)`$");

  private MilestoneReader() {}

  static MilestoneDefinition read(
      ClassLoader classLoader, String documentResource, String modelResource) {
    String document = text(classLoader, documentResource);
    BpmnModelInstance model;
    try (InputStream in = open(classLoader, modelResource)) {
      model = Bpmn.readModelFromStream(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return read(documentResource, document, modelResource, model);
  }

  static MilestoneDefinition read(
      String documentResource, String document, String modelResource, BpmnModelInstance model) {
    String where = documentResource + " with " + modelResource + ": ";
    Matcher title =
        document
            .lines()
            .map(TITLE::matcher)
            .filter(Matcher::matches)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException(where + "no '# Milestone N: Title' line"));
    int number = Integer.parseInt(title.group(1));
    String id = idPrefix(where, model);
    if (!id.equals("m" + number)) {
      throw new IllegalStateException(
          where + "the model's checklist items start with " + id + ", the document is m" + number);
    }
    List<Reference> dependencies = new ArrayList<>();
    Map<String, String> owners = new LinkedHashMap<>();
    Reference successor = null;
    String status = null;
    String heading = "";
    for (String line : document.split("\\R")) {
      if (line.startsWith("## ")) {
        heading = line.substring(3).strip();
        continue;
      }
      Matcher statusLine = STATUS.matcher(line);
      if (status == null && statusLine.matches()) {
        status = statusLine.group(1).strip();
      }
      Matcher dependencyLine = MilestoneDefinition.DEPENDENCY_LINE.matcher(line);
      if (dependencyLine.matches()) {
        Matcher reference = REFERENCE.matcher(dependencyLine.group(1));
        while (reference.find()) {
          dependencies.add(reference(reference));
        }
      }
      Matcher owner = OWNER.matcher(line);
      if (heading.equals("Owners") && owner.matches()) {
        owners.put(owner.group(1).strip(), owner.group(2).strip());
      }
      Matcher next = SUCCESSOR.matcher(line.strip());
      if (heading.equals("Next Steps") && successor == null && next.find()) {
        successor = reference(next);
      }
    }
    if (status == null) {
      throw new IllegalStateException(where + "no '- Status:' line");
    }
    String processKey =
        model.getModelElementsByType(Process.class).stream()
            .filter(Process::isExecutable)
            .map(Process::getId)
            .reduce(
                (a, b) -> {
                  throw new IllegalStateException(
                      where + "two executable processes " + a + ", " + b);
                })
            .orElseThrow(() -> new IllegalStateException(where + "no executable process"));
    return new MilestoneDefinition(
        id,
        number,
        title.group(2).strip(),
        documentResource,
        document,
        modelResource,
        processKey,
        status,
        List.copyOf(dependencies),
        Collections.unmodifiableMap(owners),
        sections(document, model),
        Optional.ofNullable(successor));
  }

  private static Reference reference(Matcher matcher) {
    return new Reference(
        Integer.parseInt(matcher.group(1)),
        matcher.group(2).strip(),
        matcher.group(3),
        matcher.groupCount() >= 4 ? matcher.group(4) : null);
  }

  /** The one milestone prefix of the model's checklist items ({@code m6} of {@code m6.pre.…}). */
  private static String idPrefix(String where, BpmnModelInstance model) {
    TreeSet<String> prefixes =
        model.getModelElementsByType(FlowElement.class).stream()
            .map(MilestoneDocument::checklistItem)
            .filter(Objects::nonNull)
            .map(item -> item.split("\\.")[0])
            .collect(Collectors.toCollection(TreeSet::new));
    if (prefixes.size() != 1) {
      throw new IllegalStateException(
          where
              + "the model's checklist items must name one milestone, they name "
              + (prefixes.isEmpty() ? "none" : prefixes));
    }
    return prefixes.first();
  }

  private static List<Section> sections(String document, BpmnModelInstance model) {
    Map<String, String> titles = new LinkedHashMap<>();
    Map<String, List<Box>> boxes = new LinkedHashMap<>();
    Map<String, String> branches = new LinkedHashMap<>();
    Map<String, Boolean> patterns = new LinkedHashMap<>();
    Map<String, String> targets = new LinkedHashMap<>();
    String section = "";
    String checklist = "";
    for (String line : document.split("\\R")) {
      String next = MilestoneDocument.sectionAfter(section, line);
      if (line.startsWith("## ")) {
        section = next;
        checklist = "";
        if (!section.isEmpty()) {
          titles.putIfAbsent(section, line.substring(3).strip());
        }
        continue;
      }
      if (section.isEmpty()) {
        continue;
      }
      if (line.startsWith("### ")) {
        checklist = line.substring(4).strip();
        continue;
      }
      MilestoneDocument.box(section, line)
          .ifPresent(box -> boxes.computeIfAbsent(box.section(), s -> new ArrayList<>()).add(box));
      if (checklist.equals("Branch and PR Plan")) {
        Matcher branch = BRANCH.matcher(line.strip());
        if (branch.matches()) {
          branches.put(section, branch.group(2));
          patterns.put(section, branch.group(1) != null);
        }
        Matcher target = PR_TARGET.matcher(line.strip());
        if (target.matches()) {
          targets.put(section, target.group(1));
        }
      }
    }
    List<Section> sections = new ArrayList<>();
    for (Map.Entry<String, String> heading : titles.entrySet()) {
      String key = heading.getKey();
      List<Box> ofSection = boxes.getOrDefault(key, List.of());
      if (ofSection.isEmpty()) {
        continue;
      }
      SubProcess subProcess = subProcessOf(model, key, heading.getValue());
      EndEvent end = subProcess == null ? null : endEventOf(subProcess);
      ExclusiveGateway exit = end == null ? null : exitGatewayOf(subProcess, end);
      Optional<BranchPlan> plan =
          branches.containsKey(key)
              ? Optional.of(new BranchPlan(branches.get(key), patterns.get(key), targets.get(key)))
              : Optional.empty();
      sections.add(
          new Section(
              key,
              heading.getValue(),
              List.copyOf(ofSection),
              subProcess == null ? null : subProcess.getId(),
              end == null ? null : end.getId(),
              exit == null ? null : exit.getId(),
              plan,
              subProcess != null && awaitsMerges(subProcess)));
    }
    return List.copyOf(sections);
  }

  /**
   * The process-level subprocess whose elements carry the section's boxes; without carriers, the
   * one named like the section's heading.
   */
  private static SubProcess subProcessOf(BpmnModelInstance model, String key, String title) {
    Optional<SubProcess> carrying =
        model.getModelElementsByType(FlowElement.class).stream()
            .filter(
                element -> {
                  String item = MilestoneDocument.checklistItem(element);
                  return item != null && MilestoneDocument.sectionOf(item).equals(key);
                })
            .map(MilestoneReader::outermostSubProcess)
            .filter(Objects::nonNull)
            .findFirst();
    return carrying.orElseGet(
        () ->
            model.getModelElementsByType(SubProcess.class).stream()
                .filter(subProcess -> title.equals(subProcess.getName()))
                .findFirst()
                .orElse(null));
  }

  private static SubProcess outermostSubProcess(ModelElementInstance element) {
    SubProcess outermost = null;
    for (ModelElementInstance scope = element; scope != null; scope = scope.getParentElement()) {
      if (scope instanceof SubProcess subProcess && !subProcess.triggeredByEvent()) {
        outermost = subProcess;
      }
    }
    return outermost;
  }

  /** Whether a message event inside the subprocess, at any depth, waits for a merge. */
  private static boolean awaitsMerges(SubProcess subProcess) {
    return subProcess
        .getModelInstance()
        .getModelElementsByType(MessageEventDefinition.class)
        .stream()
        .filter(definition -> definition.getMessage() != null)
        .filter(
            definition ->
                MvpPilotLaunchProcess.Messages.PULL_REQUEST_MERGED.equals(
                    definition.getMessage().getName()))
        .anyMatch(definition -> within(definition, subProcess));
  }

  private static boolean within(ModelElementInstance element, SubProcess subProcess) {
    for (ModelElementInstance scope = element; scope != null; scope = scope.getParentElement()) {
      if (scope == subProcess) {
        return true;
      }
    }
    return false;
  }

  private static EndEvent endEventOf(SubProcess subProcess) {
    return subProcess.getChildElementsByType(EndEvent.class).stream().findFirst().orElse(null);
  }

  private static ExclusiveGateway exitGatewayOf(SubProcess subProcess, EndEvent end) {
    return subProcess.getChildElementsByType(ExclusiveGateway.class).stream()
        .filter(gateway -> gateway.getOutgoing().stream().anyMatch(f -> f.getTarget() == end))
        .findFirst()
        .orElse(null);
  }

  private static String text(ClassLoader classLoader, String resource) {
    try (InputStream in = open(classLoader, resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(ClassLoader classLoader, String resource) {
    InputStream in = classLoader.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(resource + " is not on the class path");
    }
    return in;
  }
}
