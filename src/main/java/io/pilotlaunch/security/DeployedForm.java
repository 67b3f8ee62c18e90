package io.pilotlaunch.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A deployed Camunda Form (form-js schema) as the server reads it: its fields and their rules.
 * Tasklist checks these rules in the browser; the guards check them again on the server, where a
 * call to /engine-rest cannot skip them.
 *
 * <p>Beyond form-js, a field may carry the custom property {@code requiredWhen}: a FEEL condition
 * under which it is required ("a comment when the item is not done"), which form-js cannot say.
 */
record DeployedForm(String id, Map<String, Field> fields) {

  static final DeployedForm NONE = new DeployedForm("(none)", Map.of());

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param values the allowed values of a select or radio with static options, else empty
   * @param hide FEEL condition under which form-js hides the field, or null
   * @param requiredWhen FEEL condition under which the field is required, or null
   */
  record Field(
      String key,
      String type,
      String label,
      boolean readOnly,
      boolean required,
      Pattern pattern,
      List<String> values,
      String hide,
      String requiredWhen) {

    String describe() {
      return label == null || label.isBlank() ? "'" + key + "'" : "'" + key + "' (" + label + ")";
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
        List<String> values = new ArrayList<>();
        component.path("values").forEach(option -> values.add(option.path("value").asText()));
        fields.put(
            component.get("key").asText(),
            new Field(
                component.get("key").asText(),
                component.path("type").asText(),
                component.path("label").asText(null),
                isSet(component.path("readonly")) || isSet(component.path("disabled")),
                validate.path("required").asBoolean(false),
                validate.hasNonNull("pattern")
                    ? Pattern.compile(validate.get("pattern").asText())
                    : null,
                List.copyOf(values),
                component.path("conditional").path("hide").asText(null),
                component.path("properties").path("requiredWhen").asText(null)));
      }
      collect(component.path("components"), fields);
    }
  }

  /** form-js takes true or a FEEL expression; an expression may be true, so it counts as set. */
  private static boolean isSet(JsonNode flag) {
    return flag.isBoolean() ? flag.asBoolean() : flag.isTextual() && !flag.asText().isBlank();
  }
}
