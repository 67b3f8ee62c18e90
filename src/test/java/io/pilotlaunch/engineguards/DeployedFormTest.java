package io.pilotlaunch.engineguards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilotlaunch.support.PlainWords;
import io.pilotlaunch.web.ApiException.FieldError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

/**
 * The forms as the server reads them: their rules in words, never a regular expression for Tasklist
 * to show, and every refusal naming the field by its label. FEEL conditions are evaluated by the
 * engine's own FEEL engine, as in the guard.
 */
class DeployedFormTest {

  private static final FeelEngine FEEL = new ScalaFeelEngineFactory().createInstance();

  /** Tasklist's form-js 1.8 shows a failed validate.pattern as "Field must match pattern ^…$". */
  @Test
  void noFormLetsTasklistShowARegularExpression() throws IOException {
    for (Path file : forms()) {
      JsonNode form = new ObjectMapper().readTree(file.toFile());
      List<JsonNode> components = new ArrayList<>();
      form.path("components").forEach(components::add);
      for (JsonNode component : components) {
        String where = file.getFileName() + " " + component.path("id").asText();
        assertThat(component.path("validate").has("pattern")).as(where).isFalse();
        if (component.path("properties").has("pattern")) {
          String words = component.path("properties").path("patternMessage").asText(null);
          assertThat(words).as(where + ": the rule in words").isNotBlank();
          assertThat(PlainWords.problems(words, List.of())).as(where).isEmpty();
        }
        if (component.path("properties").has("requiredWhen")) {
          assertThat(component.path("properties").path("requiredWhenReason").asText(null))
              .as(where + ": the condition in words")
              .isNotBlank();
        }
      }
    }
  }

  @Test
  void aChecklistItemIsRefusedInTheFormsWords() {
    DeployedForm form = form("checklist-item");

    assertThat(problems(form, Map.of()))
        .containsExactly(
            new FieldError(
                "comment",
                "Comment is required while Done is not ticked: say what is missing and who is on"
                    + " it."));
    assertThat(problems(form, Map.of("done", true)))
        .containsExactly(new FieldError("evidenceLink", "Evidence link is required."));
    assertThat(problems(form, Map.of("done", true, "evidenceLink", "javascript:alert(1)")))
        .containsExactly(
            new FieldError(
                "evidenceLink",
                "Evidence link: give a web address that starts with https:// or http://, e.g."
                    + " https://wiki.example.com/runbook."));
    assertThat(problems(form, Map.of("done", "yes", "comment", "typed")))
        .contains(new FieldError("done", "Done must be ticked or not."));
    assertThat(problems(form, Map.of("done", false, "comment", "runbook in review"))).isEmpty();
  }

  @Test
  void everyFormKindRefusesInPlainWords() {
    Map<String, List<Map<String, Object>>> badInputs =
        Map.of(
            "start-pilot",
            List.of(
                Map.of(),
                Map.of(
                    "tenantId", "Not A Key!",
                    "tenantName", "A",
                    "environment", "moon",
                    "region", "x",
                    "pilotStart", "12/01/2026",
                    "pilotEnd", "2026-12-31T00:00")),
            "checklist-item",
            List.of(Map.of(), Map.of("done", true, "evidenceLink", "ftp://x")),
            "review-item",
            List.of(Map.of(), Map.of("decision", "reject"), Map.of("decision", "maybe")),
            "sign-off",
            List.of(Map.of("decision", "reject"), Map.of("decision", "signOffWithConditions")),
            "pilot-summary",
            List.of(Map.of()),
            "pilot-issue-triage",
            List.of(
                Map.of("severity", "high", "approveFix", "yes"),
                Map.of(
                    "severity",
                    "high",
                    "approveFix",
                    "yes",
                    "component",
                    "backend",
                    "topic",
                    "Bad Topic")),
            "pilot-feedback-categorization",
            List.of(Map.of()),
            "enhancement-adr",
            List.of(Map.of("adrNeeded", true, "adrLink", "adr 12")),
            "onboarding-conflict",
            List.of(Map.of("environment", "moon")));
    for (Map.Entry<String, List<Map<String, Object>>> kind : badInputs.entrySet()) {
      DeployedForm form = form(kind.getKey());
      for (Map<String, Object> input : kind.getValue()) {
        List<FieldError> problems = problems(form, input);
        assertThat(problems).as(kind.getKey() + " " + input).isNotEmpty();
        for (FieldError problem : problems) {
          assertThat(form.fields()).as(problem.toString()).containsKey(problem.field());
          assertThat(problem.message())
              .as(kind.getKey())
              .startsWith(problemLead(form.fields().get(problem.field())));
          assertThat(PlainWords.problems(problem.message(), form.fields().keySet()))
              .as(kind.getKey() + ": " + problem.message())
              .isEmpty();
        }
      }
    }
  }

  @Test
  void theFieldsAFormHidesForTheDecisionAreLeftOut() {
    assertThat(
            input(form("review-item"))
                .hiddenFields(
                    Map.of("decision", "approve", "comment", "ok", "rejectionReason", "stale")))
        .containsExactly("rejectionReason");
    assertThat(
            input(form("review-item"))
                .hiddenFields(
                    Map.of("decision", "reject", "comment", "typed", "rejectionReason", "why")))
        .containsExactly("comment");
    assertThat(
            input(form("sign-off"))
                .hiddenFields(
                    Map.of(
                        "decision", "signOff",
                        "conditions", "retest",
                        "redo", "summary",
                        "rejectionReason", "x")))
        .containsExactlyInAnyOrder("conditions", "redo", "rejectionReason");
    assertThat(
            input(form("checklist-item"))
                .hiddenFields(Map.of("done", false, "evidenceLink", "https://x", "comment", "c")))
        .containsExactly("evidenceLink");
    assertThat(
            input(form("checklist-item"))
                .hiddenFields(Map.of("done", true, "evidenceLink", "https://x", "comment", "c")))
        .isEmpty();
  }

  @Test
  void aLabelShownOnlyUnderAConditionIsNamedByItsPlainPart() {
    assertThat(
            DeployedForm.plainLabel(
                "Comment{{#if done != true}} (required while Done is not ticked){{/if}}"))
        .isEqualTo("Comment");
    assertThat(form("checklist-item").fields().get("comment").describe()).isEqualTo("Comment");
  }

  /** A problem starts with the field's label, or says to tick it. */
  private static String problemLead(DeployedForm.Field field) {
    return "checkbox".equals(field.type()) && field.required()
        ? "Tick \u201c" + field.label()
        : field.label();
  }

  private static List<FieldError> problems(DeployedForm form, Map<String, Object> input) {
    return input(form).problems(input);
  }

  private static FormInput input(DeployedForm form) {
    return new FormInput(form, name -> null, DeployedFormTest::holds);
  }

  private static boolean holds(String condition, Map<String, Object> data) {
    String feel = condition.startsWith("=") ? condition.substring(1) : condition;
    Map<String, Object> variables = new HashMap<>(data);
    return Boolean.TRUE.equals(
        FEEL.evaluateSimpleExpression(feel, Variables.fromMap(variables).asVariableContext()));
  }

  private static DeployedForm form(String name) {
    try (InputStream schema = Files.newInputStream(Path.of("forms", name + ".form"))) {
      return DeployedForm.parse(schema);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static List<Path> forms() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("forms"))) {
      return files.filter(file -> file.toString().endsWith(".form")).sorted().toList();
    }
  }
}
