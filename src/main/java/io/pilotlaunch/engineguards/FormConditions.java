package io.pilotlaunch.engineguards;

import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FEEL conditions of a form ({@code requiredWhen}, hide), evaluated by the engine's FEEL
 * engine.
 */
final class FormConditions {

  private static final Logger log = LoggerFactory.getLogger(FormConditions.class);

  private final ProcessEngineConfigurationImpl engine;

  FormConditions(ProcessEngineConfigurationImpl engine) {
    this.engine = engine;
  }

  /** A FEEL condition of the form over its data, as form-js evaluates it in Tasklist. */
  boolean hold(String condition, Map<String, Object> data) {
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
}
