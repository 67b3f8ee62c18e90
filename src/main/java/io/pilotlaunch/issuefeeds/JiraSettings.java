package io.pilotlaunch.issuefeeds;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Jira calls us ({@code pilot.webhooks.jira}): the secret of the admin webhook (Jira signs each
 * delivery with it), and how a ticket names its pilot.
 *
 * @param tenantLabelPrefix a label {@code <prefix><tenant id>} names the pilot
 * @param tenantField a custom field (e.g. customfield_10042) whose text or option value is the
 *     tenant id; empty for none
 * @param priorities a Jira priority's name → one of {@code pilot.severities}; a priority whose name
 *     in lower case is a configured severity is taken as it is
 * @param defaultSeverity for a ticket with no priority, or one neither configured nor mapped
 */
@ConfigurationProperties("pilot.webhooks.jira")
record JiraSettings(
    String secret,
    String tenantLabelPrefix,
    String tenantField,
    Map<String, String> priorities,
    String defaultSeverity) {

  JiraSettings {
    tenantLabelPrefix = tenantLabelPrefix == null ? "pilot-tenant-" : tenantLabelPrefix;
    tenantField = tenantField == null ? "" : tenantField.trim();
    priorities = priorities == null ? Map.of() : Map.copyOf(priorities);
  }
}
