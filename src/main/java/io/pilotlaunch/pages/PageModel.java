package io.pilotlaunch.pages;

import java.util.List;

/**
 * What the templates under {@code templates/pilots/} show: plain values, never HTML, which the
 * templates write with {@code th:text} (escaped by Thymeleaf). Empty text is "", not null.
 */
final class PageModel {

  private PageModel() {}

  /** Who is signed in; the logout token only for a webapps' login (Basic ends with the browser). */
  record Account(String userId, String logoutToken) {}

  record Link(String href, String label) {}

  /** One filter value: a link to the first page with it, or no link when it is the chosen one. */
  record Choice(String label, String href) {}

  record Filter(String label, List<Choice> choices) {}

  /** An open issue and the SLA clock that runs now ("first response due in 2 h"). */
  record IssueClock(String externalId, String severity, boolean late, String clock) {}

  record Incident(String step, String message) {}

  /** What failed, by the model's name of the step, and where Cockpit shows it. */
  record Incidents(List<Incident> lines, String cockpitHref) {}

  record Candidate(String text, String status) {}

  /**
   * The Milestone 7 instance a pilot handed its candidates to ("running, 2 candidates"); Cockpit's
   * address only while it runs.
   */
  record HandOff(String summary, List<Candidate> candidates, String cockpitHref) {}

  record TeamCount(String team, long count) {}

  /** One pilot on /pilots. */
  record Row(
      String tenantId,
      String tenantName,
      String environment,
      String region,
      String status,
      String milestoneStatus,
      String phase,
      String progress,
      List<TeamCount> openItemsPerTeam,
      List<IssueClock> openIssues,
      Incidents incidents,
      HandOff handOff,
      List<Link> links) {}
}
