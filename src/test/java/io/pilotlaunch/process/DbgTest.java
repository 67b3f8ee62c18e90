package io.pilotlaunch.process;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
class DbgTest {
  @RegisterExtension
  static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder().build();
  @Test void x() {
    var c = (ProcessEngineConfigurationImpl) extension.getProcessEngine().getProcessEngineConfiguration();
    System.out.println("DBG " + c.getClass() + " " + c.getEventHandler("compensate").getClass() + " " + c.getCustomEventHandlers());
  }
}
