package io.pilotlaunch.writeback;

import io.pilotlaunch.process.ConfigurationLists;
import io.pilotlaunch.process.PostMvpEnhancementsProcess.Variables;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Decides in the engine's transaction that a run is to be written back: an end listener, added to
 * the process of each enabled milestone as it is deployed or loaded, adds the pilot's run to the
 * outbox when the process ends at its completion end event. An abort or a cancellation ends
 * elsewhere and adds nothing; a command that rolls back takes its row with it.
 */
@Component
class WriteBackTrigger extends AbstractProcessEnginePlugin {

  private final Map<String, WrittenMilestone> byProcessKey;
  private final WriteBackOutbox outbox;

  WriteBackTrigger(WriteBackSettings settings, WriteBackOutbox outbox) {
    this.byProcessKey =
        settings.enabled().values().stream()
            .map(WriteBackSettings.Resolved::milestone)
            .collect(Collectors.toMap(WrittenMilestone::processKey, milestone -> milestone));
    this.outbox = outbox;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (byProcessKey.isEmpty()) {
      return;
    }
    BpmnParseListener listener =
        new AbstractBpmnParseListener() {
          @Override
          public void parseProcess(Element element, ProcessDefinitionEntity process) {
            WrittenMilestone milestone = byProcessKey.get(process.getKey());
            if (milestone != null) {
              process.addListener(ExecutionListener.EVENTNAME_END, completed(milestone));
            }
          }
        };
    configuration.setCustomPostBPMNParseListeners(
        ConfigurationLists.withAdded(configuration.getCustomPostBPMNParseListeners(), listener));
  }

  private ExecutionListener completed(WrittenMilestone milestone) {
    return execution -> {
      if (!execution.isCanceled()
          && milestone.completedEndEvent().equals(execution.getCurrentActivityId())) {
        // the pilot's run: its own instance, or the one that started this milestone (M7 by M6)
        Object startedBy = execution.getVariable(Variables.SOURCE_PROCESS_INSTANCE_ID);
        outbox.add(
            milestone.id(),
            startedBy instanceof String source ? source : execution.getProcessInstanceId(),
            execution.getTenantId());
      }
    };
  }
}
