package io.pilotlaunch.resilience;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Releases the {@link StartupLock} as soon as the engine bean exists. Camunda deploys the models
 * after the engine plugins' last callback ({@code SpringProcessEngineConfiguration
 * .buildProcessEngine}), so the plugin itself cannot tell when the work that must not run twice is
 * done; the bean's creation can.
 */
@Component
class StartupLockRelease implements BeanPostProcessor {

  /** Looked up late: a bean post-processor is created before the beans it would depend on. */
  private final ObjectProvider<StartupLock> startupLock;

  StartupLockRelease(ObjectProvider<StartupLock> startupLock) {
    this.startupLock = startupLock;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof ProcessEngine) {
      startupLock.ifAvailable(StartupLock::release);
    }
    return bean;
  }
}
