package io.pilotlaunch.engineguards;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FEEL conditions of a form ({@code requiredWhen}, hide), evaluated by the engine's FEEL
 * engine.
 *
 * <p>An answer is remembered by the condition and the values of the names it mentions: the engine's
 * FEEL parses the expression and builds its whole table of built-in functions on every evaluation
 * (feel-scala 1.19), which made these conditions a third of a checklist submit's CPU. A condition
 * can only read the form's data, and every name it reads stands in its text, so the same condition
 * over the same values answers the same; one that asks for the time is never remembered.
 */
final class FormConditions {

  private static final Logger log = LoggerFactory.getLogger(FormConditions.class);

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** FEEL's functions whose answer changes with the clock. */
  private static final Set<String> OF_THE_CLOCK = Set.of("now", "today");

  private final ProcessEngineConfigurationImpl engine;
  private final Map<String, List<String>> namesByCondition = new ConcurrentHashMap<>();
  private final Cache<List<Object>, Boolean> answers =
      Caffeine.newBuilder().maximumSize(10_000).build();

  FormConditions(ProcessEngineConfigurationImpl engine) {
    this.engine = engine;
  }

  /** A FEEL condition of the form over its data, as form-js evaluates it in Tasklist. */
  boolean hold(String condition, Map<String, Object> data) {
    List<String> names = namesByCondition.computeIfAbsent(condition, FormConditions::namesIn);
    if (names.stream().anyMatch(OF_THE_CLOCK::contains)) {
      return evaluate(condition, data);
    }
    List<Object> key = new ArrayList<>(names.size() + 1);
    key.add(condition);
    // a name the data lacks reads as null in FEEL, as a null value does
    names.forEach(name -> key.add(data.get(name)));
    return answers.get(key, k -> evaluate(condition, data));
  }

  private boolean evaluate(String condition, Map<String, Object> data) {
    String feel = condition.startsWith("=") ? condition.substring(1) : condition;
    try {
      Object result =
          engine
              .getDmnEngineConfiguration()
              .getFeelEngine()
              .evaluateSimpleExpression(feel, Variables.fromMap(data).asVariableContext());
      return Boolean.TRUE.equals(result);
    } catch (RuntimeException e) { // a condition form-js can evaluate and FEEL-Scala cannot
      log.warn("Form condition '{}' cannot be evaluated: {}", condition, e.getMessage());
      return false;
    }
  }

  /** Every word of the condition that could name a value: more than it reads is harmless. */
  private static List<String> namesIn(String condition) {
    Set<String> names = new LinkedHashSet<>();
    Matcher name = NAME.matcher(condition);
    while (name.find()) {
      names.add(name.group());
    }
    return List.copyOf(names);
  }
}
