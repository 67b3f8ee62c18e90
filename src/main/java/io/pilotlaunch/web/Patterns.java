package io.pilotlaunch.web;

/** Patterns of identifiers the API takes, for {@code @Pattern} and checks in code alike. */
public final class Patterns {

  /** Lower-case words joined by single dashes: a Camunda tenant id and a branch-name slug alike. */
  public static final String KEBAB = "[a-z0-9]+(-[a-z0-9]+)*";

  /** External ids of tickets, alerts and webhook deliveries: letters, digits and . _ : - */
  public static final String EXTERNAL_ID = "[A-Za-z0-9][A-Za-z0-9._:-]*";

  /**
   * A repository's path on its git host: owner/name (GitHub, Gitea, Forgejo) or
   * group/subgroup/project (GitLab).
   */
  public static final String REPOSITORY = "[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)+";

  private Patterns() {}
}
