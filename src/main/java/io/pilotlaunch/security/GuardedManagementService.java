package io.pilotlaunch.security;

import org.camunda.bpm.engine.impl.ManagementServiceImpl;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * Executing a job by hand is checked before the job runs. Camunda 7.24 checks inside the job's
 * execution, so a refused call counts as a failure of the job: a retry used, the exception stored,
 * and at the last retry an incident. Anyone could stall another pilot's timer that way.
 */
final class GuardedManagementService extends ManagementServiceImpl {

  GuardedManagementService(ProcessEngineConfigurationImpl configuration) {
    super(configuration);
  }

  @Override
  public void executeJob(String jobId) {
    commandExecutor.execute(new CheckJobExecution(jobId));
    super.executeJob(jobId);
  }

  /**
   * The engine's own checks of "execute this job", in a command of their own that changes nothing.
   */
  private record CheckJobExecution(String jobId) implements Command<Void> {
    @Override
    public Void execute(CommandContext context) {
      JobEntity job = jobId == null ? null : context.getJobManager().findJobById(jobId);
      if (job == null) {
        return null; // the execution itself answers "not found"; there is no job to harm
      }
      for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
        checker.checkUpdateJob(job);
      }
      return null;
    }
  }
}
