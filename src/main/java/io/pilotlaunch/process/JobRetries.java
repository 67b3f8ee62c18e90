package io.pilotlaunch.process;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The retry cycle of every service task ({@code ${jobRetries.cycle}} in the model), from {@code
 * pilot.job-retry-cycle}: after the last retry the job becomes an incident in Cockpit.
 */
@Component(MvpPilotLaunchProcess.Beans.JOB_RETRIES)
public class JobRetries {

  private final String cycle;

  public JobRetries(@Value("${pilot.job-retry-cycle:R3/PT10S}") String cycle) {
    this.cycle = cycle;
  }

  public String getCycle() {
    return cycle;
  }
}
