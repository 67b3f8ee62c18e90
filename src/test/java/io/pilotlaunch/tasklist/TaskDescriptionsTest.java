package io.pilotlaunch.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.process.MilestoneDocument;
import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.tasklist.TaskDescriptions.Guide;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/** Every item of the milestone document, and every task of the model, says what it asks. */
class TaskDescriptionsTest {

  private static final BpmnModelInstance MODEL =
      Bpmn.readModelFromFile(Path.of(MvpPilotLaunchProcess.RESOURCE).toFile());

  @Test
  void everyItemOfTheMilestoneDocumentHasItsOwnGuide() throws IOException {
    int boxes =
        MilestoneDocument.boxes(
                Files.readString(Path.of("docs", "milestones", "m6-mvp-pilot-launch.md")))
            .size();
    Set<String> itemsOfTheModel =
        MODEL.getModelElementsByType(BaseElement.class).stream()
            .map(MilestoneDocument::checklistItem)
            .filter(Objects::nonNull)
            .collect(Collectors.toSet());

    assertThat(boxes).isEqualTo(31);
    assertThat(itemsOfTheModel).hasSize(boxes);
    assertThat(TaskDescriptions.BY_CHECKLIST_ITEM.keySet())
        .containsExactlyInAnyOrderElementsOf(itemsOfTheModel);
    assertThat(TaskDescriptions.BY_CHECKLIST_ITEM.values())
        .extracting(Guide::evidence)
        .as("each item names its own evidence")
        .doesNotHaveDuplicates();
  }

  @Test
  void everyTaskOfThePilotLeadsWithAGuide() {
    for (UserTask task : MODEL.getModelElementsByType(UserTask.class)) {
      assertThat(TaskDescriptions.of(task.getId(), MilestoneDocument.checklistItem(task)))
          .as(task.getId())
          .isPresent();
    }
    assertThat(TaskDescriptions.BY_TASK.keySet())
        .as("tasks of the model that carry no checklist item of their own")
        .allSatisfy(
            id -> {
              UserTask task = MODEL.getModelElementById(id);
              assertThat(task).as(id).isNotNull();
              assertThat(MilestoneDocument.checklistItem(task)).as(id).isNull();
            });
  }

  @Test
  void guidesSayWhatWhyAndWhichEvidenceInSentences() {
    Collection<Guide> guides =
        java.util.stream.Stream.concat(
                TaskDescriptions.BY_CHECKLIST_ITEM.values().stream(),
                TaskDescriptions.BY_TASK.values().stream())
            .toList();
    assertThat(guides)
        .allSatisfy(
            guide -> {
              assertThat(guide.what()).endsWith(".").doesNotContain("  ");
              assertThat(guide.why()).endsWith(".").doesNotContain("  ");
              assertThat(guide.evidence()).endsWith(".").doesNotContain("  ");
              assertThat(guide.markdown())
                  .startsWith("**What to do:** ")
                  .contains("\n\n**Why:** ", "\n\n**Evidence:** ");
            });
    assertThat(TaskDescriptions.BY_CHECKLIST_ITEM.get("m6.pre.rollback-incident-paths").evidence())
        .contains("runbook");
  }
}
