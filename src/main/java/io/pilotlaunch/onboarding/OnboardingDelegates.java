package io.pilotlaunch.onboarding;

import static io.pilotlaunch.process.MvpPilotLaunchProcess.Variables.ENVIRONMENT;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Variables.REGION;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Variables.TENANT_ID;
import static io.pilotlaunch.process.MvpPilotLaunchProcess.Variables.TENANT_NAME;

import io.pilotlaunch.onboarding.OnboardingVerification.Report;
import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.process.MvpPilotLaunchProcess.Beans;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The delegates of Phase 1's service tasks and their compensation handlers, and the process start
 * listener that registers the pilot's tenant. Each reads its inputs, calls one service and writes
 * its outputs; the services hold the logic. They run inside the engine's transaction, so a job that
 * fails leaves no partial rows, and a job that runs again finds its own work done and changes
 * nothing.
 */
@Configuration
class OnboardingDelegates {

  /** The error code the model catches on "Configure tenant and environment routing". */

  /**
   * At process start, before any task: the teams see the pilot's tasks only as tenant members. A
   * start without a tenant id is not this listener's to refuse: the next one, {@code
   * pilotRunStarted}, refuses it with a 400 that names every missing field, and nothing starts.
   */
  @Bean(Beans.PILOT_TENANT_REGISTRATION)
  ExecutionListener pilotTenantRegistration(PilotTenants tenants) {
    return execution -> {
      if (execution.getVariable(TENANT_ID) instanceof String tenantId && !tenantId.isBlank()) {
        tenants.ensure(tenantId, (String) execution.getVariable(TENANT_NAME));
      }
    };
  }

  @Bean(Beans.TENANT_ROUTING_DELEGATE)
  JavaDelegate tenantRoutingDelegate(TenantRouting routing) {
    return execution -> {
      try {
        routing.route(
            string(execution, TENANT_ID),
            string(execution, TENANT_NAME),
            string(execution, ENVIRONMENT),
            string(execution, REGION),
            execution.getProcessInstanceId());
      } catch (OnboardingConflictException conflict) {
        throw new BpmnError(
            MvpPilotLaunchProcess.Errors.ONBOARDING_CONFLICT, conflict.getMessage());
      }
    };
  }

  @Bean(Beans.TENANT_ROUTING_COMPENSATION_DELEGATE)
  JavaDelegate tenantRoutingCompensationDelegate(TenantRouting routing) {
    return execution ->
        routing.removeRoute(string(execution, TENANT_ID), execution.getProcessInstanceId());
  }

  @Bean(Beans.BASELINE_PROVISIONING_DELEGATE)
  JavaDelegate baselineProvisioningDelegate(BaselineProvisioning provisioning) {
    return execution ->
        provisioning.provision(string(execution, TENANT_ID), execution.getProcessInstanceId());
  }

  @Bean(Beans.BASELINE_DEPROVISIONING_DELEGATE)
  JavaDelegate baselineDeprovisioningDelegate(BaselineProvisioning provisioning) {
    return execution ->
        provisioning.deprovision(string(execution, TENANT_ID), execution.getProcessInstanceId());
  }

  /** A failed check fails the job: retries, then an incident in Cockpit with what failed. */
  @Bean(Beans.ONBOARDING_VERIFICATION_DELEGATE)
  JavaDelegate onboardingVerificationDelegate(OnboardingVerification verification) {
    return execution -> {
      Report report = verification.verify(string(execution, TENANT_ID));
      if (!report.passed()) {
        throw new IllegalStateException(report.failures());
      }
      execution.setVariable(
          MvpPilotLaunchProcess.Variables.ONBOARDING_VERIFICATION_REPORT, report.text());
      execution.setVariable(MvpPilotLaunchProcess.Variables.ONBOARDING_VERIFICATION_PASSED, true);
    };
  }

  private static String string(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    if (!(value instanceof String text) || text.isBlank()) {
      throw new IllegalStateException("Process variable '" + name + "' is missing");
    }
    return text;
  }
}
