package io.pilotlaunch.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The editable fields of each Camunda Form in forms/, by form id, as the engine-only tests need.
 */
final class FormFields {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Set<String>> editableByForm = new HashMap<>();

  FormFields() {
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      forms
          .filter(path -> path.toString().endsWith(".form"))
          .forEach(
              path -> {
                JsonNode form = read(path);
                Set<String> editable = new LinkedHashSet<>();
                collect(form.path("components"), editable);
                editableByForm.put(form.path("id").asText(), editable);
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The keys of the form's fields a person fills in; none for no form. */
  Set<String> editableFields(String formId) {
    return formId == null ? Set.of() : editableByForm.getOrDefault(formId, Set.of());
  }

  private static void collect(JsonNode components, Set<String> editable) {
    for (JsonNode component : components) {
      if (component.hasNonNull("key")
          && !set(component.path("readonly"))
          && !set(component.path("disabled"))) {
        editable.add(component.get("key").asText());
      }
      collect(component.path("components"), editable);
    }
  }

  private static boolean set(JsonNode flag) {
    return flag.isBoolean() ? flag.asBoolean() : flag.isTextual() && !flag.asText().isBlank();
  }

  private static JsonNode read(Path path) {
    try {
      return JSON.readTree(path.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
