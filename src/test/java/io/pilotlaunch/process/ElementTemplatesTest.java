package io.pilotlaunch.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlaunch.milestones.MilestoneDefinition;
import io.pilotlaunch.teams.Team;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Camunda Modeler element templates (.camunda/element-templates) carry our conventions to the
 * person modelling: every task that applies one still fits it, and the templates name only teams
 * and forms that exist.
 */
class ElementTemplatesTest {

  private static final Path TEMPLATES = Path.of(".camunda/element-templates");
  private static final Map<String, JsonNode> templatesById = new HashMap<>();
  private static BpmnModelInstance model;

  @BeforeAll
  static void load() throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (var files = Files.list(TEMPLATES)) {
      for (Path file : files.toList()) {
        for (JsonNode template : json.readTree(file.toFile())) {
          templatesById.put(template.path("id").asText(), template);
        }
      }
    }
    model = Bpmn.readModelFromFile(Path.of(MvpPilotLaunchProcess.RESOURCE).toFile());
  }

  /**
   * Modeler checks a checklist item id against the templates' pattern as it is typed: every id of
   * every registered milestone fits it, so no milestone's model shows as invalid.
   */
  @Test
  void everyMilestonesChecklistItemsFitTheTemplatesPattern() {
    List<String> items = new ArrayList<>();
    for (MilestoneDefinition definition : ChecklistTraceabilityTest.definitions()) {
      ChecklistTraceabilityTest.carriers(ChecklistTraceabilityTest.modelOf(definition))
          .forEach(carrier -> items.add(carrier.checklistItem()));
    }
    assertThat(items)
        .anyMatch(item -> item.startsWith("m6.pre."))
        .anyMatch(i -> i.startsWith("m9."));
    for (JsonNode template : templatesById.values()) {
      for (JsonNode property : template.path("properties")) {
        if ("checklistItem".equals(property.path("binding").path("name").asText())) {
          Pattern pattern =
              Pattern.compile(property.path("constraints").path("pattern").path("value").asText());
          assertThat(items)
              .as(template.path("id").asText())
              .allMatch(item -> pattern.matcher(item).matches());
          assertThat(pattern.matcher("m6.phase2.support-slas").matches()).isFalse();
        }
      }
    }
  }

  @Test
  void thereIsATemplateForChecklistItemsReviewsAndSignOffs() {
    assertThat(templatesById.keySet())
        .containsExactlyInAnyOrder(
            "io.pilotlaunch.ChecklistItem", "io.pilotlaunch.ReviewItem", "io.pilotlaunch.SignOff");
  }

  @Test
  void everyTaskThatAppliesATemplateFitsIt() {
    List<UserTask> templated =
        model.getModelElementsByType(UserTask.class).stream()
            .filter(task -> template(task) != null)
            .toList();
    assertThat(templated).hasSizeGreaterThan(20);
    for (UserTask task : templated) {
      JsonNode template = templatesById.get(template(task));
      assertThat(template).as(task.getId() + " names an unknown template").isNotNull();
      for (JsonNode property : template.path("properties")) {
        assertFits(task, property);
      }
    }
  }

  @Test
  void everyChecklistLineTaskWithATemplatesFormAppliesTheTemplate() {
    Map<String, String> templateByForm = new HashMap<>();
    templatesById.forEach(
        (id, template) -> templateByForm.put(hiddenValue(template, "camunda:formRef"), id));
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      String expected = templateByForm.get(task.getCamundaFormRef());
      if (expected != null && checklistItemProperty(task) != null) {
        assertThat(template(task)).as(task.getId()).isEqualTo(expected);
      }
    }
  }

  @Test
  void templatesOfferTheTeamsAndFormsThatExist() throws IOException {
    List<String> teams = Arrays.stream(Team.values()).map(Team::groupId).toList();
    for (JsonNode template : templatesById.values()) {
      List<String> choices = new ArrayList<>();
      for (JsonNode property : template.path("properties")) {
        if ("camunda:candidateGroups".equals(property.path("binding").path("name").asText())) {
          property.path("choices").forEach(choice -> choices.add(choice.path("value").asText()));
        }
      }
      assertThat(choices).as(template.path("id").asText()).containsExactlyElementsOf(teams);
      String form = hiddenValue(template, "camunda:formRef");
      try (var forms = Files.list(Path.of("forms"))) {
        assertThat(
                forms.map(this::read).anyMatch(text -> text.contains("\"id\": \"" + form + "\"")))
            .as(form)
            .isTrue();
      }
    }
  }

  private static void assertFits(UserTask task, JsonNode property) {
    JsonNode binding = property.path("binding");
    String name = binding.path("name").asText();
    boolean hidden = "Hidden".equals(property.path("type").asText());
    String what = task.getId() + ": " + binding;
    switch (binding.path("type").asText()) {
      case "property" -> {
        String value =
            task.getAttributeValueNs(
                BpmnModelConstants.CAMUNDA_NS, name.substring("camunda:".length()));
        assertThat(value).as(what).isNotBlank();
        if (hidden) {
          assertThat(value).as(what).isEqualTo(property.path("value").asText());
        }
      }
      case "camunda:property" -> assertThat(checklistItemProperty(task)).as(what).isNotBlank();
      case "camunda:inputParameter" -> {
        CamundaInputParameter input =
            inputOutput(task).getCamundaInputParameters().stream()
                .filter(parameter -> parameter.getCamundaName().equals(name))
                .findFirst()
                .orElse(null);
        assertThat(input).as(what).isNotNull();
        if (hidden) {
          assertThat(input.getTextContent()).as(what).isEqualTo(property.path("value").asText());
        }
      }
      case "camunda:outputParameter" ->
          assertThat(
                  inputOutput(task).getCamundaOutputParameters().stream()
                      .map(CamundaOutputParameter::getTextContent))
              .as(what)
              .contains(binding.path("source").asText());
      default -> throw new AssertionError("A binding this test does not know: " + binding);
    }
  }

  private static String template(UserTask task) {
    return task.getAttributeValueNs(BpmnModelConstants.CAMUNDA_NS, "modelerTemplate");
  }

  private static CamundaInputOutput inputOutput(UserTask task) {
    return task.getExtensionElements()
        .getElementsQuery()
        .filterByType(CamundaInputOutput.class)
        .singleResult();
  }

  private static String checklistItemProperty(UserTask task) {
    return MilestoneDocument.checklistItem(task);
  }

  private static String hiddenValue(JsonNode template, String bindingName) {
    for (JsonNode property : template.path("properties")) {
      if (bindingName.equals(property.path("binding").path("name").asText())) {
        return property.path("value").asText();
      }
    }
    throw new AssertionError(template.path("id") + " has no " + bindingName);
  }

  private String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
