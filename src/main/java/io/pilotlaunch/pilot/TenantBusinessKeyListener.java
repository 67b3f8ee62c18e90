package io.pilotlaunch.pilot;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Variables.TENANT_ID;

import io.pilotlaunch.process.MvpPilotLaunchProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/**
 * Process start listener: the business key of a pilot launch is its tenant id. An instance started
 * from the Tasklist start form without a business key gets {@code tenantId} as its key, so messages
 * correlated by business key reach it. A key given by the caller is kept.
 */
@org.springframework.stereotype.Component(MvpPilotLaunchProcess.Beans.TENANT_BUSINESS_KEY_LISTENER)
public class TenantBusinessKeyListener implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    String key = execution.getProcessBusinessKey();
    Object tenantId = execution.getVariable(TENANT_ID);
    if ((key == null || key.isBlank()) && tenantId instanceof String tenant && !tenant.isBlank()) {
      execution.setProcessBusinessKey(tenant);
    }
  }
}
