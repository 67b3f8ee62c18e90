package io.pilotlaunch.writeback;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The git hosts whose pull-request API write-back speaks, by their name in configuration. */
enum GitHost {
  GITHUB("https://api.github.com", "x-access-token"),
  GITLAB("https://gitlab.com", "oauth2"),
  GITEA(null, "oauth2");

  private final String defaultApiUrl;
  private final String defaultGitUsername;

  GitHost(String defaultApiUrl, String defaultGitUsername) {
    this.defaultApiUrl = defaultApiUrl;
    this.defaultGitUsername = defaultGitUsername;
  }

  String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The public service's address; a self-hosted Gitea has none. */
  Optional<String> defaultApiUrl() {
    return Optional.ofNullable(defaultApiUrl);
  }

  /**
   * The user name that goes with a token over HTTPS: GitHub and GitLab document these; Gitea takes
   * the token as the password whatever the name.
   */
  String defaultGitUsername() {
    return defaultGitUsername;
  }

  static Optional<GitHost> ofConfigName(String name) {
    return Arrays.stream(values())
        .filter(host -> host.configName().equalsIgnoreCase(name))
        .findFirst();
  }

  static String configNames() {
    return String.join(", ", Arrays.stream(values()).map(GitHost::configName).toList());
  }
}
