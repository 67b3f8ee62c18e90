package io.pilotlaunch.onboarding;

import io.pilotlaunch.process.MvpPilotLaunchProcess;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.springframework.stereotype.Component;

/**
 * A pilot's process instance belongs to the pilot's tenant: the {@code tenantId} it starts with,
 * or, for a process it starts (the Milestone 7 hand-off), the tenant of the starting process. The
 * definitions stay shared; tenant checks then keep one pilot's instances, tasks and history from
 * users of other tenants.
 */
@Component
public class PilotTenantIdProvider extends AbstractProcessEnginePlugin implements TenantIdProvider {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setTenantIdProvider(this);
  }

  @Override
  public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext context) {
    Object tenantId =
        context.getVariables() == null
            ? null
            : context.getVariables().get(MvpPilotLaunchProcess.Variables.TENANT_ID);
    if (tenantId instanceof String id && !id.isBlank()) {
      return id;
    }
    DelegateExecution starter = context.getSuperExecution();
    return starter == null ? null : starter.getTenantId();
  }

  @Override
  public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext context) {
    return null;
  }

  @Override
  public String provideTenantIdForHistoricDecisionInstance(
      TenantIdProviderHistoricDecisionInstanceContext context) {
    return context.getExecution() == null ? null : context.getExecution().getTenantId();
  }
}
