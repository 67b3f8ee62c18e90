package io.pilotlaunch.notifications;

/** How a message travels: e-mail over SMTP, or a Slack-format incoming webhook. */
public enum Channel {
  MAIL,
  CHAT
}
