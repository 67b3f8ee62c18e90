package io.pilotlaunch.notifications;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code pilot.notifications} in application.yaml, where each setting says what it does. */
@ConfigurationProperties("pilot.notifications")
public record NotificationSettings(
    boolean enabled,
    String mailFrom,
    Duration pollInterval,
    Duration lease,
    int batchSize,
    int maxAttempts,
    Duration firstRetry,
    Duration maxRetry,
    int messagesPerMinute,
    int maxItemsPerMessage,
    List<String> pilotOwnerTeams,
    List<String> incidentTeams,
    List<String> triageTeams,
    List<String> resolutionTeams,
    Sla sla,
    Digest digest,
    Map<String, TeamChannels> teams,
    Map<String, Set<String>> optOut) {

  public record Sla(double warnAt, Duration scanInterval) {}

  public record Digest(String cron, Duration dueSoon) {}

  /** Where a team hears: either may be missing. */
  public record TeamChannels(String email, String chatWebhook) {}

  public NotificationSettings {
    teams = teams == null ? Map.of() : Map.copyOf(teams);
    optOut = optOut == null ? Map.of() : Map.copyOf(optOut);
  }

  /** Whether this user or team has turned this event off. */
  boolean optedOut(String addressee, NotificationEvent event) {
    Set<String> off = optOut.getOrDefault(addressee, Set.of());
    return off.contains("all") || off.contains(event.configName());
  }

  /** Retries wait first-retry, then twice as long each time, at most max-retry. */
  Duration backoff(int attemptsSoFar) {
    Duration wait = firstRetry.multipliedBy(1L << Math.min(Math.max(attemptsSoFar - 1, 0), 20));
    return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
  }
}
