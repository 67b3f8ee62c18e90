package io.pilotlaunch.pilot;

/** Whether a pilot run goes on, and how it ended; stored by name in pilot.pilot_run.status. */
public enum RunStatus {
  ACTIVE,
  COMPLETED,
  ABORTED
}
