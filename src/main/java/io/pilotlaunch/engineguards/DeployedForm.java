package io.pilotlaunch.engineguards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A deployed Camunda Form (form-js schema) as the server reads it: its fields and their rules.
 * Tasklist checks these rules in the browser; the guards check them again on the server, where a
 * call to /engine-rest cannot skip them.
 *
 * <p>Beyond form-js, a field may carry the custom properties {@code requiredWhen}, a FEEL condition
 * under which it is required ("a comment when the item is not done"), which form-js cannot say, and
 * {@code requiredWhenReason}, which says that condition in words ("while Done is not ticked"); and
 * {@code pattern} with {@code patternMessage}: a rule for the text and the words that say it, which
 * only the server checks (Tasklist's form-js 1.8 would show the regular expression itself; the form
 * says the rule in its description and in a hint shown while the text breaks it). Refusals name a
 * field by its label, never by its key.
 */
record DeployedForm(String id, Map<String, Field> fields) {

  static final DeployedForm NONE = new DeployedForm("(none)", Map.of());

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Pattern CONDITIONAL_PART = Pattern.compile("\\{\\{#if .*?}}.*?\\{\\{/if}}");

  /**
   * @param patternMessage what the pattern asks for, in words, or null
   * @param values the allowed values of a select or radio with static options and their labels, in
   *     the form's order; else empty
   * @param hide FEEL condition under which form-js hides the field, or null
   * @param requiredWhen FEEL condition under which the field is required, or null
   * @param requiredWhenReason that condition in words, or null
   */
  record Field(
      String key,
      String type,
      String label,
      boolean readOnly,
      boolean required,
      Pattern pattern,
      String patternMessage,
      Map<String, String> values,
      String hide,
      String requiredWhen,
      String requiredWhenReason) {

    /** The field as the form names it to a person: its label, else its key. */
    String describe() {
      return label == null || label.isBlank() ? key : label;
    }
  }

  static DeployedForm parse(InputStream schema) {
    try {
      JsonNode root = JSON.readTree(schema);
      Map<String, Field> fields = new LinkedHashMap<>();
      collect(root.path("components"), fields);
      return new DeployedForm(root.path("id").asText("(no id)"), fields);
    } catch (IOException e) {
      throw new UncheckedIOException("A deployed form is not valid JSON", e);
    }
  }

  private static void collect(JsonNode components, Map<String, Field> fields) {
    for (JsonNode component : components) {
      if (component.hasNonNull("key")) {
        JsonNode validate = component.path("validate");
        JsonNode properties = component.path("properties");
        Map<String, String> values = new LinkedHashMap<>();
        component
            .path("values")
            .forEach(
                option ->
                    values.put(
                        option.path("value").asText(),
                        option.path("label").asText(option.path("value").asText())));
        fields.put(
            component.get("key").asText(),
            new Field(
                component.get("key").asText(),
                component.path("type").asText(),
                plainLabel(component.path("label").asText(null)),
                isSet(component.path("readonly")) || isSet(component.path("disabled")),
                validate.path("required").asBoolean(false),
                pattern(component),
                properties.path("patternMessage").asText(null),
                java.util.Collections.unmodifiableMap(values),
                component.path("conditional").path("hide").asText(null),
                properties.path("requiredWhen").asText(null),
                properties.path("requiredWhenReason").asText(null)));
      }
      collect(component.path("components"), fields);
    }
  }

  /**
   * A label as the server names the field: without the parts form-js shows only under a condition
   * ({@code "Comment{{#if done != true}} (required while Done is not ticked){{/if}}"} is
   * "Comment").
   */
  static String plainLabel(String label) {
    return label == null ? null : CONDITIONAL_PART.matcher(label).replaceAll("").strip();
  }

  /**
   * The pattern a field's text must match: the custom property {@code pattern}, which Tasklist does
   * not read, or form-js' own {@code validate.pattern}, which Tasklist's form-js 1.8 reports as
   * "Field must match pattern ^…$" (so our forms use the property, and say the rule in words).
   */
  private static Pattern pattern(JsonNode component) {
    String pattern =
        component
            .path("properties")
            .path("pattern")
            .asText(component.path("validate").path("pattern").asText(null));
    return pattern == null ? null : Pattern.compile(pattern);
  }

  /** form-js takes true or a FEEL expression; an expression may be true, so it counts as set. */
  private static boolean isSet(JsonNode flag) {
    return flag.isBoolean() ? flag.asBoolean() : flag.isTextual() && !flag.asText().isBlank();
  }
}
