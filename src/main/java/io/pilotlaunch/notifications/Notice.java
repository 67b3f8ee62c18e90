package io.pilotlaunch.notifications;

import java.util.List;

/**
 * What happened, in words, with the links that lead straight to it: one notice becomes one message
 * per recipient.
 */
record Notice(
    NotificationEvent event, String tenantId, String subject, String text, List<Link> links) {

  record Link(String label, String url) {}

  /** The message's text: what happened, then each link on a line of its own. */
  String body() {
    StringBuilder body = new StringBuilder(text);
    for (Link link : links) {
      body.append('\n').append(link.label()).append(": ").append(link.url());
    }
    return body.toString();
  }
}
