package io.pilotlaunch.milestones;

import io.pilotlaunch.process.MilestoneDocument.Box;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A milestone as the product runs it: its document and its model, and what the two say together.
 * Read by {@link MilestoneReader}; nothing here is a Java constant.
 *
 * @param id the prefix of the model's checklist items ({@code m6}), also {@code m<number>}
 * @param number from the document's title ({@code # Milestone 6: …})
 * @param title the title after the number ({@code MVP Pilot Launch})
 * @param documentResource the document on the class path (docs/milestones in the jar)
 * @param document the document's text
 * @param modelResource the BPMN on the class path
 * @param processKey the id of the model's executable process
 * @param status the document's {@code - Status:} line as written
 * @param dependencies the milestones the document's {@code - Dependency:} lines name
 * @param owners the document's {@code ## Owners}, role to owners, in order
 * @param sections the sections with boxes, in document order
 * @param successor the milestone {@code ## Next Steps} proceeds to
 */
public record MilestoneDefinition(
    String id,
    int number,
    String title,
    String documentResource,
    String document,
    String modelResource,
    String processKey,
    String status,
    List<Reference> dependencies,
    Map<String, String> owners,
    List<Section> sections,
    Optional<Reference> successor) {

  /** "Milestone 6: MVP Pilot Launch", as the document's title says it. */
  public String heading() {
    return "Milestone " + number + ": " + title;
  }

  /** All boxes of the document, in order. */
  public List<Box> boxes() {
    return sections.stream().flatMap(section -> section.boxes().stream()).toList();
  }

  /** The branch plans of the sections that wait for their pull requests' merges, in order. */
  public List<BranchPlan> mergesAwaited() {
    return sections.stream()
        .filter(Section::awaitsMerges)
        .flatMap(section -> section.branchPlan().stream())
        .toList();
  }

  public Optional<Section> section(String key) {
    return sections.stream().filter(section -> section.key().equals(key)).findFirst();
  }

  static final Pattern DEPENDENCY_LINE = Pattern.compile("^- Dependenc(?:y|ies): (.+)$");

  /** Whether a document's line names dependencies: the export notes overrides below it. */
  public static boolean isDependencyLine(String line) {
    return DEPENDENCY_LINE.matcher(line).matches();
  }

  /**
   * Another milestone a document names; {@code status} is the status the reference demands or
   * reports (the backticked word after the link), null when it names none.
   */
  public record Reference(int number, String title, String link, String status) {
    public String id() {
      return "m" + number;
    }

    /** As the documents name it: "Milestone 5: Production Deployment Readiness". */
    public String name() {
      return "Milestone " + number + ": " + title;
    }
  }

  /**
   * One section of the document with boxes, and what runs it in the model.
   *
   * @param key pre, phase1, phase2, … review: the section part of its checklist items
   * @param title the heading ({@code Phase 1: Pilot Tenant Onboarding})
   * @param subProcessId the subprocess that holds the section's boxes (or is named like it); null
   *     when the model runs the section without one
   * @param endEventId the subprocess's end event, where the section is complete; null without one
   * @param exitGatewayId the gateway that decides the exit (its flow reaches the end event); null
   *     without one
   * @param branchPlan the section's {@code ### Branch and PR Plan}, if it has one
   * @param awaitsMerges whether the section's subprocess waits for its pull requests' merges (a
   *     {@code PullRequestMerged} message event inside it): the git webhooks close those waits
   */
  public record Section(
      String key,
      String title,
      List<Box> boxes,
      String subProcessId,
      String endEventId,
      String exitGatewayId,
      Optional<BranchPlan> branchPlan,
      boolean awaitsMerges) {}

  /**
   * Where a section's work is committed and merged.
   *
   * @param branch the branch, or the pattern ({@code fix/m6-p2-pilot-<topic>})
   * @param pattern whether {@code branch} is a pattern (its placeholder in angle brackets)
   * @param prTarget the branch the pull request targets
   */
  public record BranchPlan(String branch, boolean pattern, String prTarget) {

    /** The branch with the placeholder filled in; the branch itself when it is no pattern. */
    public String branchFor(String value) {
      return pattern ? branch.replaceAll("<[^>]+>", value) : branch;
    }

    /** Whether the branch is this one, or one of the pattern. */
    public boolean matches(String candidate) {
      return pattern ? candidate.startsWith(prefix()) : candidate.equals(branch);
    }

    /** The fixed part before the placeholder: what every branch of the pattern starts with. */
    public String prefix() {
      int placeholder = branch.indexOf('<');
      return placeholder < 0 ? branch : branch.substring(0, placeholder);
    }
  }
}
