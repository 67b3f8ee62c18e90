package io.pilotlaunch.security;

import io.pilotlaunch.security.DeployedForm.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * What a form accepts: only its own fields; read-only ones unchanged; editable ones only where they
 * stay in the task's own scope; typed as the field is; and, on submit, every required field of what
 * the form shows filled in. Says every problem at once.
 */
final class FormInput {

  /** Submit completes the task; save keeps a draft (task variables), so nothing is required yet. */
  enum Mode {
    SUBMIT,
    SAVE
  }

  private final DeployedForm form;
  private final Function<String, Object> current;
  private final Predicate<String> staysLocal;
  private final BiPredicate<String, Map<String, Object>> feel;

  /**
   * @param current the value a variable has now, as the form showed it
   * @param staysLocal whether writing the variable changes only the task's own scope (its input
   *     mappings), not the pilot's variables
   * @param feel evaluates a FEEL condition over the form's data; false when it cannot
   */
  FormInput(
      DeployedForm form,
      Function<String, Object> current,
      Predicate<String> staysLocal,
      BiPredicate<String, Map<String, Object>> feel) {
    this.form = form;
    this.current = current;
    this.staysLocal = staysLocal;
    this.feel = feel;
  }

  List<String> problems(Map<String, ?> submitted, Collection<String> removed, Mode mode) {
    List<String> problems = new ArrayList<>();
    Map<String, Object> data = new HashMap<>();
    form.fields().keySet().forEach(key -> data.put(key, current.apply(key)));
    submitted.forEach((name, value) -> data.put(name, plain(value)));

    for (Map.Entry<String, ?> entry : submitted.entrySet()) {
      String name = entry.getKey();
      Object value = plain(entry.getValue());
      Field field = form.fields().get(name);
      if (field == null) {
        problems.add("'" + name + "' is not a field of form " + form.id());
      } else if (field.readOnly()) {
        if (!same(value, current.apply(name))) {
          problems.add(field.describe() + " is read-only");
        }
      } else if (!staysLocal.test(name)) {
        problems.add(
            field.describe()
                + " would change the pilot's own variable, which only the process sets");
      } else {
        valueProblem(field, value).ifPresent(problems::add);
      }
    }
    for (String name : removed) {
      Field field = form.fields().get(name);
      if (field == null || field.readOnly() || !staysLocal.test(name)) {
        problems.add(
            "'"
                + name
                + "' cannot be removed: only the editable fields of form "
                + form.id()
                + " can");
      }
    }
    if (mode == Mode.SUBMIT) {
      for (Field field : form.fields().values()) {
        if (field.readOnly() || (field.hide() != null && feel.test(field.hide(), data))) {
          continue;
        }
        Object value = data.get(field.key());
        boolean required =
            field.required()
                || (field.requiredWhen() != null && feel.test(field.requiredWhen(), data));
        if (required
            && (isEmpty(value)
                || ("checkbox".equals(field.type()) && !Boolean.TRUE.equals(value)))) {
          problems.add(
              field.describe()
                  + " is required"
                  + (field.requiredWhen() != null && !field.required()
                      ? " when " + field.requiredWhen().substring(1)
                      : ""));
        }
      }
    }
    return problems;
  }

  private static java.util.Optional<String> valueProblem(Field field, Object value) {
    if (value == null) {
      return Optional.empty();
    }
    String expected =
        switch (field.type()) {
          case "checkbox" -> value instanceof Boolean ? null : "true or false";
          case "number" -> value instanceof Number ? null : "a number";
          case "textfield", "textarea", "select", "radio", "datetime" ->
              value instanceof String ? null : "text";
          default -> null;
        };
    if (expected != null) {
      return Optional.of(field.describe() + " must be " + expected);
    }
    if (value instanceof String text && !text.isEmpty()) {
      if (field.pattern() != null && !field.pattern().matcher(text).matches()) {
        return Optional.of(field.describe() + " must match " + field.pattern().pattern());
      }
      if (!field.values().isEmpty() && !field.values().contains(text)) {
        return Optional.of(field.describe() + " must be one of " + field.values());
      }
    }
    return Optional.empty();
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
