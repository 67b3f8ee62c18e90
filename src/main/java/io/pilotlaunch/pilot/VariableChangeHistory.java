package io.pilotlaunch.pilot;

import io.pilotlaunch.process.MvpPilotLaunchProcess.Variables;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * History at level full keeps each variable (ACT_HI_VARINST) and a detail row for every write of
 * it. A variable's first write is its instance row over again, and most of ours are written once: a
 * task's form fields, an item's result, a task's copies. So only changes get a detail row; what a
 * task answered is read from the variables of its activity instance. Halves the history a task
 * writes (issue 20, ADR 0014).
 */
@Component
class VariableChangeHistory extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setEnableDefaultDbHistoryEventHandler(false);
    configuration.getCustomHistoryEventHandlers().add(0, new ChangesOnly());
  }

  private static final class ChangesOnly extends DbHistoryEventHandler {
    @Override
    public void handleEvent(HistoryEvent event) {
      // every event of such a variable, or an update would insert the row its creation skipped
      if (event instanceof HistoricVariableUpdateEventEntity variable
          && Variables.NOT_KEPT_IN_HISTORY.contains(variable.getVariableName())) {
        return;
      }
      super.handleEvent(event);
    }

    @Override
    protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
      return super.shouldWriteHistoricDetail(event)
          && !event.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_CREATE);
    }
  }
}
