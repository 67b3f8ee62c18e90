package io.pilotlaunch.notifications;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Absolute links from pilot.notifications.public-url: a task opens in Tasklist's detail view (the
 * address Tasklist itself shows when a task is selected), a pilot on its page.
 */
@Component
@ConditionalOnProperty(name = "pilot.notifications.enabled", havingValue = "true")
class Links {

  private final Environment environment;

  /**
   * Read at each use, not once: a public URL may name the port the app listens on
   * (${local.server.port}), which is known only once it serves.
   */
  Links(Environment environment) {
    this.environment = environment;
  }

  private String base() {
    return environment.getRequiredProperty("pilot.notifications.public-url").replaceAll("/+$", "");
  }

  Notice.Link task(String taskId) {
    return new Notice.Link(
        "Open the task", base() + "/camunda/app/tasklist/default/#/?task=" + taskId);
  }

  Notice.Link pilot(String tenantId) {
    return new Notice.Link(
        "The pilot", base() + "/pilots/" + URLEncoder.encode(tenantId, StandardCharsets.UTF_8));
  }

  Notice.Link teamTasks() {
    return new Notice.Link("Tasklist", base() + "/camunda/app/tasklist/default/");
  }

  String notifications() {
    return base() + "/notifications";
  }
}
