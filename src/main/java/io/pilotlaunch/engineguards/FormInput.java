package io.pilotlaunch.engineguards;

import io.pilotlaunch.engineguards.DeployedForm.Field;
import io.pilotlaunch.web.ApiException.FieldError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * What a form accepts: only its own fields; read-only ones unchanged; editable ones typed as the
 * field is (they are written into the task's own scope, see {@link TaskInputGuard}); and, on
 * submit, every required field of what the form shows filled in. Says every problem at once, each
 * naming the field by its label, in the form's words, as Tasklist shows them to a person; the
 * field's key goes beside it, for machines.
 */
final class FormInput {

  private final DeployedForm form;
  private final Function<String, Object> current;
  private final Function<String, Map<String, String>> choicesOf;
  private final BiPredicate<String, Map<String, Object>> feel;

  /** The fields' values as the form showed them, read once: each read walks the task's scopes. */
  private Map<String, Object> shown;

  /**
   * @param current the value a variable has now, as the form showed it
   * @param choicesOf the choices ({@link FormOptions}) a {@code valuesKey} names, or null for one
   *     that the app does not compute
   * @param feel evaluates a FEEL condition over the form's data; false when it cannot
   */
  FormInput(
      DeployedForm form,
      Function<String, Object> current,
      Function<String, Map<String, String>> choicesOf,
      BiPredicate<String, Map<String, Object>> feel) {
    this.form = form;
    this.current = current;
    this.choicesOf = choicesOf;
    this.feel = feel;
  }

  List<FieldError> problems(Map<String, ?> submitted) {
    List<FieldError> problems = new ArrayList<>();
    Map<String, Object> data = data(submitted);

    for (Map.Entry<String, ?> entry : submitted.entrySet()) {
      String name = entry.getKey();
      Object value = plain(entry.getValue());
      Field field = form.fields().get(name);
      if (field == null) {
        problems.add(
            new FieldError(name, "'" + name + "' is not a field of form " + form.id() + "."));
      } else if (field.readOnly()) {
        if (!same(value, shown().get(name))) {
          problems.add(new FieldError(name, field.describe() + " is read-only."));
        }
      } else {
        valueFieldError(field, value).ifPresent(problems::add);
      }
    }
    for (Field field : form.fields().values()) {
      if (field.readOnly() || hidden(field, data)) {
        continue;
      }
      boolean requiredNow =
          field.requiredWhen() != null
              && !field.required()
              && feel.test(field.requiredWhen(), data);
      if (!field.required() && !requiredNow) {
        continue;
      }
      Object value = data.get(field.key());
      if ("checkbox".equals(field.type()) && !Boolean.TRUE.equals(value)) {
        problems.add(new FieldError(field.key(), "Tick \u201c" + field.describe() + "\u201d."));
      } else if (isEmpty(value)) {
        problems.add(
            new FieldError(
                field.key(),
                field.describe()
                    + " is required"
                    + (requiredNow && field.requiredWhenReason() != null
                        ? " " + field.requiredWhenReason()
                        : "")
                    + "."));
      }
    }
    List<String> order = List.copyOf(form.fields().keySet());
    problems.sort(
        Comparator.comparingInt(
            problem ->
                order.contains(problem.field()) ? order.indexOf(problem.field()) : order.size()));
    return problems;
  }

  /**
   * The submitted fields that the form hides for this input (a rejection reason on an approval):
   * they do not apply, so they are not stored.
   */
  Set<String> hiddenFields(Map<String, ?> submitted) {
    Map<String, Object> data = data(submitted);
    Set<String> hidden = new LinkedHashSet<>();
    for (String name : submitted.keySet()) {
      Field field = form.fields().get(name);
      if (field != null && !field.readOnly() && hidden(field, data)) {
        hidden.add(name);
      }
    }
    return hidden;
  }

  /** The fields a person fills in: all but the read-only ones. */
  Set<String> editableFields() {
    Set<String> editable = new LinkedHashSet<>();
    form.fields().values().stream()
        .filter(field -> !field.readOnly())
        .forEach(field -> editable.add(field.key()));
    return editable;
  }

  /** The fields the form only shows. */
  Set<String> readOnlyFields() {
    Set<String> readOnly = new LinkedHashSet<>();
    form.fields().values().stream()
        .filter(Field::readOnly)
        .forEach(field -> readOnly.add(field.key()));
    return readOnly;
  }

  /** The form's data as Tasklist evaluates its conditions: the values shown, then the input. */
  private Map<String, Object> data(Map<String, ?> submitted) {
    Map<String, Object> data = new HashMap<>(shown());
    submitted.forEach((name, value) -> data.put(name, plain(value)));
    return data;
  }

  private Map<String, Object> shown() {
    if (shown == null) {
      shown = new HashMap<>();
      form.fields().keySet().forEach(key -> shown.put(key, current.apply(key)));
    }
    return shown;
  }

  private boolean hidden(Field field, Map<String, Object> data) {
    return field.hide() != null && feel.test(field.hide(), data);
  }

  private Optional<FieldError> valueFieldError(Field field, Object value) {
    if (value == null) {
      return Optional.empty();
    }
    String expected =
        switch (field.type()) {
          case "checkbox" -> value instanceof Boolean ? null : "ticked or not";
          case "number" -> value instanceof Number ? null : "a number";
          case "textfield", "textarea", "select", "radio", "datetime" ->
              value instanceof String ? null : "text";
          default -> null;
        };
    if (expected != null) {
      return Optional.of(
          new FieldError(field.key(), field.describe() + " must be " + expected + "."));
    }
    if (value instanceof String text && !text.isEmpty()) {
      if (field.pattern() != null && !field.pattern().matcher(text).matches()) {
        return Optional.of(
            new FieldError(
                field.key(),
                field.describe()
                    + ": "
                    + (field.patternMessage() == null
                        ? "this is not in the expected form."
                        : lowerFirst(field.patternMessage()))));
      }
      Map<String, String> choices = choices(field);
      if (choices.isEmpty() && field.valuesKey() != null) {
        // Options from a variable nobody computes: whatever a caller stored there, nothing is known
        // to be a choice.
        return Optional.of(
            new FieldError(field.key(), field.describe() + " has no choices to pick from."));
      }
      if (!choices.isEmpty() && !choices.containsKey(text)) {
        return Optional.of(
            new FieldError(
                field.key(),
                field.describe()
                    + " must be one of: "
                    + String.join(", ", choices.values())
                    + "."));
      }
    }
    return Optional.empty();
  }

  /** The static options of the field, or those its {@code valuesKey} names. */
  private Map<String, String> choices(Field field) {
    if (field.valuesKey() == null) {
      return field.values();
    }
    Map<String, String> computed = choicesOf.apply(field.valuesKey());
    return computed == null ? Map.of() : computed;
  }

  private static String lowerFirst(String sentence) {
    return sentence.isEmpty()
        ? sentence
        : Character.toLowerCase(sentence.charAt(0)) + sentence.substring(1);
  }

  static Object plain(Object value) {
    return value instanceof TypedValue typed ? typed.getValue() : value;
  }

  private static boolean isEmpty(Object value) {
    return value == null || (value instanceof String text && text.isBlank());
  }

  /** Tasklist sends "" for a field whose variable is missing: the same as nothing. */
  private static boolean same(Object submitted, Object existing) {
    return (isEmpty(submitted) && isEmpty(existing))
        || Objects.equals(submitted, existing)
        || (submitted != null
            && existing != null
            && submitted.toString().equals(existing.toString()));
  }
}
