package io.pilotlaunch.issuefeeds;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Prometheus Alertmanager calls us ({@code pilot.webhooks.alertmanager}): the bearer token of
 * its {@code http_config.authorization}, and which labels name the tenant, the severity and the
 * component.
 *
 * @param severities an alert's severity label value → one of {@code pilot.severities}; a value that
 *     is a configured severity already is taken as it is
 * @param defaultSeverity for an alert without the label, or with a value neither configured nor
 *     mapped
 */
@ConfigurationProperties("pilot.webhooks.alertmanager")
record AlertmanagerSettings(
    String token,
    String tenantLabel,
    String severityLabel,
    String componentLabel,
    String defaultSeverity,
    Map<String, String> severities) {

  AlertmanagerSettings {
    severities = severities == null ? Map.of() : Map.copyOf(severities);
  }
}
