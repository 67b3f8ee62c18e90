package io.pilotlaunch.notifications;

import java.util.Locale;

/** What people are told about (issue 22, item 4). */
public enum NotificationEvent {
  TASK_AVAILABLE,
  TASK_ASSIGNED,
  SLA_ABOUT_TO_LAPSE,
  SLA_LAPSED,
  INCIDENT_OPENED,
  PILOT_BLOCKED,
  PILOT_ABORTED,
  PILOT_COMPLETED,
  DIGEST;

  /** How configuration names it (opt-out): task-available. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
