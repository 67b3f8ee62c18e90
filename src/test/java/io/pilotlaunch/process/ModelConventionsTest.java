package io.pilotlaunch.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Conventions every element of the models follows, and the forms they reference. */
class ModelConventionsTest {

  static final List<String> TEAMS =
      List.of(
          "product-management",
          "devops-sre",
          "security-compliance",
          "qa-testing",
          "backend-engineering",
          "frontend-engineering",
          "architecture",
          "docs-standards");

  /** form-js components the 7.24 Tasklist (form-js 1.8) renders. */
  static final Set<String> COMPONENTS =
      Set.of(
          "text",
          "textfield",
          "textarea",
          "number",
          "checkbox",
          "checklist",
          "radio",
          "select",
          "taglist",
          "datetime",
          "spacer",
          "separator",
          "group",
          "button");

  static final Map<String, JsonNode> formsById = new HashMap<>();
  static final List<BpmnModelInstance> models = new ArrayList<>();

  @BeforeAll
  static void load() throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.list(Path.of("forms"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".form")).toList()) {
        JsonNode form = json.readTree(f.toFile());
        assertThat(formsById.put(form.path("id").asText(), form))
            .as("duplicate form id in " + f)
            .isNull();
      }
    }
    models.add(Bpmn.readModelFromFile(Path.of(MvpPilotLaunchProcess.RESOURCE).toFile()));
    models.add(Bpmn.readModelFromFile(Path.of(PostMvpEnhancementsProcess.RESOURCE).toFile()));
  }

  static <T extends BaseElement> List<T> all(Class<T> type) {
    return models.stream().flatMap(m -> m.getModelElementsByType(type).stream()).toList();
  }

  @Test
  void processesHaveVersionTagAndHistoryTimeToLive() {
    for (Process p : all(Process.class)) {
      assertThat(p.getCamundaVersionTag()).as(p.getId()).isNotBlank();
      assertThat(p.getCamundaHistoryTimeToLiveString()).as(p.getId()).isNotBlank();
      assertThat(p.isExecutable()).isTrue();
    }
  }

  @Test
  void everyUserTaskHasOneTeamDocumentationAndADeployedForm() {
    List<UserTask> tasks = all(UserTask.class);
    assertThat(tasks).hasSize(49);
    for (UserTask t : tasks) {
      assertThat(TEAMS).as(t.getId()).contains(t.getCamundaCandidateGroups());
      assertThat(t.getDocumentations()).as(t.getId()).isNotEmpty();
      assertThat(t.getName()).as(t.getId()).isNotBlank();
      assertThat(t.getCamundaFormRefBinding()).as(t.getId()).isEqualTo("deployment");
      assertThat(formsById).as(t.getId() + " formRef").containsKey(t.getCamundaFormRef());
    }
  }

  @Test
  void startEventFormExists() {
    StartEvent start =
        models
            .get(0)
            .getModelElementById(MvpPilotLaunchProcess.Elements.START_EVENT_PILOT_LAUNCH_REQUESTED);
    assertThat(formsById).containsKey(start.getCamundaFormRef());
    assertThat(keys(formsById.get(start.getCamundaFormRef()), false))
        .containsExactlyInAnyOrder(
            "tenantId",
            "tenantName",
            "repository",
            "environment",
            "region",
            "pilotStart",
            "pilotEnd");
  }

  /**
   * What a form captures stays in its task: the app writes a submit's fields into the task's own
   * scope (TaskInputGuard), so parallel tasks never overwrite each other's fields. The model does
   * not open them as null on entry, and it copies to the pilot only what the pilot decides on: an
   * item's result, never its comment, evidence, rejection reason or conditions, which the milestone
   * document reads from the task's history (docs/adr/0014). The issue subprocess keeps its issue's
   * fields in its own scope.
   */
  @Test
  void formFieldsAreNeitherOpenedAsNullNorCopiedBesideTheItemsResult() {
    String[] notCopied = {"'comment'", "'evidenceLink'", "'rejectionReason'", "'conditions'"};
    for (UserTask t : all(UserTask.class)) {
      List<String> fields = keys(formsById.get(t.getCamundaFormRef()), false);
      if (t.getExtensionElements() == null) {
        continue; // no mappings at all: its fields live on the task itself
      }
      for (CamundaInputOutput mapping :
          t.getExtensionElements()
              .getElementsQuery()
              .filterByType(CamundaInputOutput.class)
              .list()) {
        mapping.getCamundaInputParameters().stream()
            .filter(input -> fields.contains(input.getCamundaName()))
            .forEach(
                input ->
                    assertThat(input.getTextContent().strip())
                        .as(t.getId() + " opens " + input.getCamundaName())
                        .isNotIn("${null}", "${false}"));
        mapping.getCamundaInputParameters().stream()
            .forEach(
                input ->
                    assertThat(input.getCamundaName())
                        .as(t.getId() + ": the model names its section, the task needs no copy")
                        .isNotIn("phase", "checklistItem"));
        if (!Phase.within(t, MvpPilotLaunchProcess.Elements.SUB_PROCESS_PILOT_ISSUE)) {
          mapping.getCamundaOutputParameters().stream()
              .forEach(
                  output ->
                      assertThat(output.getTextContent().strip())
                          .as(t.getId() + " copies to " + output.getCamundaName())
                          .doesNotContain(notCopied));
        }
      }
    }
  }

  @Test
  void formsFitTheTasklistFormJsVersion() {
    assertThat(formsById).hasSize(9);
    formsById.forEach(
        (id, form) -> {
          assertThat(form.path("schemaVersion").asInt()).as(id).isBetween(1, 16);
          assertThat(form.path("type").asText()).as(id).isEqualTo("default");
          List<String> allKeys = new ArrayList<>();
          form.path("components")
              .forEach(
                  c -> {
                    assertThat(COMPONENTS)
                        .as(id + " component type")
                        .contains(c.path("type").asText());
                    if (c.has("key")) {
                      allKeys.add(c.path("key").asText());
                    }
                  });
          assertThat(allKeys).as(id + " keys").doesNotHaveDuplicates();
        });
  }

  @Test
  void reviewFormRequiresAReasonOnlyOnReject() {
    JsonNode reason = component(formsById.get("ReviewItemForm"), "rejectionReason");
    assertThat(reason.path("validate").path("required").asBoolean()).isTrue();
    assertThat(reason.path("conditional").path("hide").asText())
        .isEqualTo("=decision != \"reject\"");
    assertThat(
            component(formsById.get("ReviewItemForm"), "decision")
                .path("validate")
                .path("required")
                .asBoolean())
        .isTrue();
  }

  @Test
  void signOffRejectionNamesWhatMustBeRedone() {
    JsonNode redo = component(formsById.get("SignOffForm"), "redo");
    assertThat(redo.path("type").asText()).isEqualTo("select");
    assertThat(redo.path("validate").path("required").asBoolean()).isTrue();
    assertThat(redo.path("conditional").path("hide").asText()).isEqualTo("=decision != \"reject\"");
    List<String> values = new ArrayList<>();
    redo.path("values").forEach(v -> values.add(v.path("value").asText()));
    assertThat(values).containsExactly("summary", "acceptance", "adrs", "signoffs");
  }

  @Test
  void pilotSummaryIsEditableAndMustBeConfirmed() {
    JsonNode form = formsById.get(MvpPilotLaunchProcess.Forms.PILOT_SUMMARY_FORM);
    assertThat(keys(form, false))
        .containsExactly("summary", "adrCandidates", "confirmed", "comment");
    assertThat(component(form, "summary").path("validate").path("required").asBoolean()).isTrue();
    assertThat(component(form, "confirmed").path("type").asText()).isEqualTo("checkbox");
    assertThat(component(form, "confirmed").path("validate").path("required").asBoolean()).isTrue();
    assertThat(component(form, "adrCandidates").path("validate").path("required").asBoolean())
        .isFalse();
  }

  /**
   * A variable named like a bean would shadow it in ${bean} expressions (variables resolve first).
   */
  @Test
  void noProcessVariableIsNamedLikeABean() throws IllegalAccessException {
    Set<Object> beans = new HashSet<>();
    for (Field f : MvpPilotLaunchProcess.Beans.class.getFields()) {
      beans.add(f.get(null));
    }
    for (Field f : MvpPilotLaunchProcess.Variables.class.getFields()) {
      assertThat(beans).as(f.getName()).doesNotContain(f.get(null));
    }
  }

  @Test
  void everyServiceTaskIsAsyncWithARetryCycle() {
    List<ServiceTask> tasks = all(ServiceTask.class);
    assertThat(tasks).hasSize(11);
    for (ServiceTask t : tasks) {
      assertThat(t.isCamundaAsyncBefore()).as(t.getId()).isTrue();
      List<CamundaFailedJobRetryTimeCycle> cycles =
          t.getExtensionElements()
              .getElementsQuery()
              .filterByType(CamundaFailedJobRetryTimeCycle.class)
              .list();
      assertThat(cycles).as(t.getId()).hasSize(1);
      assertThat(cycles.get(0).getTextContent()).isEqualTo(MvpPilotLaunchProcess.RETRY_CYCLE);
    }
  }

  /**
   * Tasklist's "Start process" offers Milestone 6 only: Milestone 7 is started by Milestone 6 with
   * the pilot's enhancement candidates, and fails without them.
   */
  @Test
  void onlyMilestone6IsStartableInTasklist() {
    org.camunda.bpm.model.bpmn.instance.Process m6 =
        models.get(0).getModelElementById(MvpPilotLaunchProcess.PROCESS_ID);
    org.camunda.bpm.model.bpmn.instance.Process m7 =
        models.get(1).getModelElementById(PostMvpEnhancementsProcess.PROCESS_ID);
    assertThat(m6.isCamundaStartableInTasklist()).isTrue();
    assertThat(m7.isCamundaStartableInTasklist()).isFalse();
  }

  /** The code names only what it needs of the model; each of those names exists in the model. */
  @Test
  void everyNameInTheConstantsClassesExistsInItsModel() throws Exception {
    assertConstantsExist(MvpPilotLaunchProcess.Elements.class, models.get(0));
    assertConstantsExist(PostMvpEnhancementsProcess.Elements.class, models.get(1));
    assertThat((Object) models.get(0).getModelElementById(MvpPilotLaunchProcess.PROCESS_ID))
        .isNotNull();
    assertThat((Object) models.get(1).getModelElementById(PostMvpEnhancementsProcess.PROCESS_ID))
        .isNotNull();
    String xml = Bpmn.convertToString(models.get(0));
    String m7 = Bpmn.convertToString(models.get(1));
    StringBuilder forms = new StringBuilder();
    for (Path form : Files.list(Path.of("forms")).toList()) {
      forms.append(Files.readString(form));
    }
    for (String branch :
        List.of(
            MvpPilotLaunchProcess.INTEGRATION_BRANCH,
            MvpPilotLaunchProcess.PHASE1_BRANCH,
            MvpPilotLaunchProcess.PHASE2_FIX_BRANCH_PREFIX,
            MvpPilotLaunchProcess.PHASE3_BRANCH,
            MvpPilotLaunchProcess.RETRY_CYCLE)) {
      assertThat(xml).contains(branch);
    }
    for (String bean : constants(MvpPilotLaunchProcess.Beans.class)) {
      // a bean is named alone (a delegate) or with a property (jobRetries.cycle)
      assertThat(xml).containsAnyOf("${" + bean + "}", "${" + bean + ".");
    }
    for (String message : constants(MvpPilotLaunchProcess.Messages.class)) {
      assertThat(xml).contains("name=\"" + message + "\"");
    }
    for (String error : constants(MvpPilotLaunchProcess.Errors.class)) {
      assertThat(xml).contains("errorCode=\"" + error + "\"");
    }
    for (String form : constants(MvpPilotLaunchProcess.Forms.class)) {
      assertThat(xml).contains("camunda:formRef=\"" + form + "\"");
      assertThat(forms.toString()).contains("\"id\": \"" + form + "\"");
    }
    assertThat(xml).contains("name=\"" + MvpPilotLaunchProcess.ChecklistItems.PROPERTY + "\"");
    for (String item : constants(MvpPilotLaunchProcess.ChecklistItems.class)) {
      assertThat(xml).contains("\"" + item + "\"");
    }
    assertVariablesNamed(
        MvpPilotLaunchProcess.Variables.class,
        MvpPilotLaunchProcess.Variables.WRITTEN_BY_CODE,
        xml + forms);
    assertVariablesNamed(
        PostMvpEnhancementsProcess.Variables.class,
        PostMvpEnhancementsProcess.Variables.WRITTEN_BY_CODE,
        m7 + forms);
  }

  /** A variable is named by the model or its forms, unless listed as written by code only. */
  private static void assertVariablesNamed(
      Class<?> variables, Set<String> writtenByCode, String model) throws IllegalAccessException {
    for (String variable : constants(variables)) {
      boolean named =
          model.contains("\"" + variable + "\"")
              || model.contains("'" + variable + "'")
              || model.contains("${" + variable)
              || model.contains(variable + "}")
              || model.contains(" " + variable + " ")
              || model.contains("(" + variable);
      assertThat(named)
          .as(
              variable
                  + (named
                      ? " is named by the model, so not WRITTEN_BY_CODE"
                      : " is not in the model; list it in WRITTEN_BY_CODE if only code writes it"))
          .isEqualTo(!writtenByCode.contains(variable));
    }
  }

  private static List<String> constants(Class<?> holder) throws IllegalAccessException {
    List<String> values = new ArrayList<>();
    for (Field f : holder.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        values.add((String) f.get(null));
      }
    }
    return values;
  }

  static void assertConstantsExist(Class<?> constants, BpmnModelInstance model)
      throws IllegalAccessException {
    for (Field f : constants.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        assertThat((Object) model.getModelElementById((String) f.get(null)))
            .as(f.getName())
            .isNotNull();
      }
    }
  }

  static List<String> keys(JsonNode form, boolean includeReadonly) {
    List<String> keys = new ArrayList<>();
    form.path("components")
        .forEach(
            c -> {
              if (c.has("key") && (includeReadonly || !c.path("readonly").asBoolean(false))) {
                keys.add(c.path("key").asText());
              }
            });
    return keys;
  }

  static JsonNode component(JsonNode form, String key) {
    for (JsonNode c : form.path("components")) {
      if (key.equals(c.path("key").asText())) {
        return c;
      }
    }
    throw new AssertionError("no field " + key);
  }
}
