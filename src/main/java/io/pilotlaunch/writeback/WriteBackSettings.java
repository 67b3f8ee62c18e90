package io.pilotlaunch.writeback;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code pilot.write-back} in application.yaml, where each setting says what it does. A wrong
 * setting of an enabled milestone fails the start, naming the property.
 */
@ConfigurationProperties("pilot.write-back")
public record WriteBackSettings(
    boolean backgroundWorker,
    Duration pollInterval,
    Duration lease,
    int maxAttempts,
    Duration firstRetry,
    Duration maxRetry,
    Duration timeout,
    String authorName,
    String authorEmail,
    Map<String, Target> milestones) {

  /**
   * One milestone's repository and pull request. Branch, target and paths default to the
   * milestone's own ({@link WrittenMilestone}); host empty pushes without a pull request.
   */
  public record Target(
      boolean enabled,
      String repositoryUrl,
      String branch,
      String target,
      String documentPath,
      String indexPath,
      String host,
      String apiUrl,
      String repository,
      String token,
      String gitUsername) {

    /** Without the token: a secret stays out of logs and failure messages. */
    @Override
    public String toString() {
      return "Target[enabled="
          + enabled
          + ", repositoryUrl="
          + repositoryUrl
          + ", host="
          + host
          + ", repository="
          + repository
          + "]";
    }
  }

  /** A milestone's settings with every default filled in: what the worker works with. */
  record Resolved(
      WrittenMilestone milestone,
      String repositoryUrl,
      String branch,
      String target,
      String documentPath,
      String indexPath,
      Optional<GitHost> host,
      String apiUrl,
      String repository,
      String token,
      String gitUsername) {

    /** Without the token: a secret stays out of logs and failure messages. */
    @Override
    public String toString() {
      return "Resolved["
          + milestone.id()
          + ", repositoryUrl="
          + repositoryUrl
          + ", branch="
          + branch
          + ", target="
          + target
          + ", host="
          + host
          + ", repository="
          + repository
          + "]";
    }
  }

  static final String DEFAULT_INDEX_PATH = "docs/milestones/README.md";

  public WriteBackSettings {
    milestones = milestones == null ? Map.of() : Map.copyOf(milestones);
    List<String> problems = new ArrayList<>();
    milestones.forEach((id, target) -> problems.addAll(problems(id, target)));
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join(" ", problems));
    }
  }

  /** The enabled milestones, resolved. */
  Map<String, Resolved> enabled() {
    Map<String, Resolved> enabled = new java.util.TreeMap<>();
    milestones.forEach(
        (id, target) -> {
          if (target.enabled()) {
            enabled.put(id, resolve(WrittenMilestone.of(id).orElseThrow(), target));
          }
        });
    return enabled;
  }

  /** Retries wait first-retry, then twice as long each time, at most max-retry. */
  Duration backoff(int attemptsSoFar) {
    Duration wait = firstRetry.multipliedBy(1L << Math.min(Math.max(attemptsSoFar - 1, 0), 20));
    return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
  }

  static Resolved resolve(WrittenMilestone milestone, Target target) {
    Optional<GitHost> host = GitHost.ofConfigName(blankAsNull(target.host()));
    return new Resolved(
        milestone,
        target.repositoryUrl(),
        orDefault(target.branch(), milestone.branch()),
        orDefault(target.target(), milestone.target()),
        orDefault(target.documentPath(), milestone.documentPath()),
        orDefault(target.indexPath(), DEFAULT_INDEX_PATH),
        host,
        orDefault(target.apiUrl(), host.flatMap(GitHost::defaultApiUrl).orElse(null)),
        blankAsNull(target.repository()),
        blankAsNull(target.token()),
        orDefault(target.gitUsername(), host.map(GitHost::defaultGitUsername).orElse("git")));
  }

  private static List<String> problems(String id, Target target) {
    String prefix = "pilot.write-back.milestones." + id;
    if (WrittenMilestone.of(id).isEmpty()) {
      return List.of(
          prefix
              + ": no milestone "
              + id
              + " can be written back; known: "
              + String.join(", ", new java.util.TreeSet<>(WrittenMilestone.KNOWN.keySet()))
              + ".");
    }
    if (!target.enabled()) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    if (blankAsNull(target.repositoryUrl()) == null) {
      problems.add(
          prefix + ".repository-url is missing: where the team's docs repository is cloned from.");
    }
    String host = blankAsNull(target.host());
    if (host == null) {
      return problems; // push only, no pull request
    }
    Optional<GitHost> known = GitHost.ofConfigName(host);
    if (known.isEmpty()) {
      problems.add(
          prefix
              + ".host '"
              + host
              + "' is not a git host we know; known: "
              + GitHost.configNames()
              + " (or none, to push without a pull request).");
      return problems;
    }
    if (blankAsNull(target.apiUrl()) == null && known.get().defaultApiUrl().isEmpty()) {
      problems.add(prefix + ".api-url is missing: the address of the " + host + " server.");
    }
    if (blankAsNull(target.repository()) == null || !target.repository().contains("/")) {
      problems.add(
          prefix
              + ".repository is missing: the repository on "
              + host
              + " as owner/name"
              + (known.get() == GitHost.GITLAB ? " (the project's path, group/project)." : "."));
    }
    if (blankAsNull(target.token()) == null) {
      problems.add(
          prefix + ".token is missing: the token that may open pull requests on " + host + ".");
    }
    return problems;
  }

  private static String orDefault(String value, String fallback) {
    String given = blankAsNull(value);
    return given == null ? fallback : given;
  }

  private static String blankAsNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
