package io.pilotlaunch.process;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.event.CompensationEventHandler;
import org.camunda.bpm.engine.impl.event.EventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionEntity;
import org.camunda.community.process_test_coverage.engine.platform7.CompensationEventCoverageHandler;

/**
 * Works around a defect of camunda-process-test-coverage 3.0.0 on Camunda 7.24: its {@code
 * CompensationEventCoverageHandler} overrides the five-argument {@code handleEvent}, but the 7.24
 * engine calls the six-argument one, so compensation boundary events are never recorded and 100%
 * coverage of a model with compensation is unreachable. This wrapper (installed after the coverage
 * extension has set the handler's collector) records the boundary event through the library's own
 * method and then compensates as usual. Test code only.
 */
final class CompensationCoverageWorkaround {

  private CompensationCoverageWorkaround() {}

  static void install(ProcessEngine engine) {
    try {
      Map<String, EventHandler> handlers = handlers(engine);
      EventHandler current = handlers.get("compensate");
      if (current instanceof CompensationEventCoverageHandler coverage) {
        handlers.put("compensate", new Recording(coverage));
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot install the compensation coverage workaround", e);
    }
  }

  /** Puts the library's handler back, so that the coverage extension finds it for the next test. */
  static void uninstall(ProcessEngine engine) {
    Map<String, EventHandler> handlers = handlers(engine);
    if (handlers.get("compensate") instanceof Recording recording) {
      handlers.put("compensate", recording.coverage);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, EventHandler> handlers(ProcessEngine engine) {
    try {
      Field handlersField = ProcessEngineConfigurationImpl.class.getDeclaredField("eventHandlers");
      handlersField.setAccessible(true);
      return (Map<String, EventHandler>) handlersField.get(engine.getProcessEngineConfiguration());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot reach the engine's event handlers", e);
    }
  }

  static final class Recording extends CompensationEventHandler {
    private final CompensationEventCoverageHandler coverage;
    private final Method record;
    private final Field state;

    Recording(CompensationEventCoverageHandler coverage) throws ReflectiveOperationException {
      this.coverage = coverage;
      this.record =
          CompensationEventCoverageHandler.class.getDeclaredMethod(
              "addCompensationEventCoverage", EventSubscriptionEntity.class);
      this.record.setAccessible(true);
      this.state = CompensationEventCoverageHandler.class.getDeclaredField("coverageState");
      this.state.setAccessible(true);
    }

    @Override
    public void handleEvent(
        EventSubscriptionEntity subscription,
        Object payload,
        Object localPayload,
        Object payloadToTriggeredScope,
        String businessKey,
        CommandContext commandContext) {
      try {
        if (state.get(coverage) == null) {
          throw new IllegalStateException(
              "coverage collector not set: install after the test has started");
        }
        record.invoke(coverage, subscription);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      super.handleEvent(
          subscription,
          payload,
          localPayload,
          payloadToTriggeredScope,
          businessKey,
          commandContext);
    }
  }
}
