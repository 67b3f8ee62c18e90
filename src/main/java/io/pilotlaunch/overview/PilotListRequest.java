package io.pilotlaunch.overview;

import io.pilotlaunch.pilot.PilotRuns.Cursor;
import io.pilotlaunch.process.Phase;
import io.pilotlaunch.teams.Team;
import io.pilotlaunch.web.ApiException;
import io.pilotlaunch.web.ApiException.FieldError;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/**
 * Which pilots a page of GET /api/pilots or GET /pilots lists: {@code status} active or finished,
 * the {@code phase} they are in now (as {@link Phase#title()} spells it, or its name), a {@code
 * team} (group id) with open items in them, up to {@code limit} of them, {@code after} the cursor
 * of the page before. Anything else is a 400 that says what is accepted.
 */
public record PilotListRequest(
    Optional<Status> status, Optional<Phase> phase, Optional<Team> team, int limit, Cursor after) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  public enum Status {
    ACTIVE,
    FINISHED;

    String parameter() {
      return name().toLowerCase();
    }
  }

  /** Reads the query parameters as given (null when absent); every wrong one is named. */
  public static PilotListRequest parse(
      String status, String phase, String team, String limit, String after) {
    List<FieldError> problems = new ArrayList<>();
    Optional<Status> parsedStatus = Optional.empty();
    if (status != null) {
      parsedStatus =
          Arrays.stream(Status.values()).filter(s -> s.parameter().equals(status)).findFirst();
      if (parsedStatus.isEmpty()) {
        problems.add(new FieldError("status", "status must be 'active' or 'finished'."));
      }
    }
    Optional<Phase> parsedPhase = Optional.empty();
    if (phase != null) {
      parsedPhase =
          Arrays.stream(Phase.values())
              .filter(p -> p.title().equalsIgnoreCase(phase) || p.name().equalsIgnoreCase(phase))
              .findFirst();
      if (parsedPhase.isEmpty()) {
        problems.add(
            new FieldError(
                "phase",
                "phase must be one of "
                    + Arrays.stream(Phase.values())
                        .map(p -> "'" + p.title() + "'")
                        .collect(Collectors.joining(", "))
                    + "."));
      }
    }
    Optional<Team> parsedTeam = Optional.empty();
    if (team != null) {
      parsedTeam = Team.byGroupId(team);
      if (parsedTeam.isEmpty()) {
        problems.add(
            new FieldError(
                "team",
                "team must be a team's id, one of "
                    + Arrays.stream(Team.values())
                        .map(Team::groupId)
                        .collect(Collectors.joining(", "))
                    + "."));
      }
    }
    int parsedLimit = DEFAULT_LIMIT;
    if (limit != null) {
      try {
        parsedLimit = Integer.parseInt(limit.strip());
      } catch (NumberFormatException e) {
        parsedLimit = -1;
      }
      if (parsedLimit < 1 || parsedLimit > MAX_LIMIT) {
        problems.add(
            new FieldError("limit", "limit must be a whole number from 1 to " + MAX_LIMIT + "."));
      }
    }
    Cursor parsedAfter = null;
    if (after != null) {
      try {
        parsedAfter = Cursor.decode(after);
      } catch (IllegalArgumentException e) {
        problems.add(
            new FieldError(
                "after", "after must be the cursor of a next-page link as this API gave it out."));
      }
    }
    if (!problems.isEmpty()) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          problems.stream().map(FieldError::message).collect(Collectors.joining(" ")),
          problems);
    }
    return new PilotListRequest(parsedStatus, parsedPhase, parsedTeam, parsedLimit, parsedAfter);
  }

  /** This listing's filters as a query string, without a cursor. */
  public String filterQuery() {
    return query(null);
  }

  /** The query string of the page that follows {@code next}, filters and limit kept. */
  public String queryAfter(Cursor next) {
    return query(next);
  }

  /** The first page with these filters, at this listing's limit. */
  public PilotListRequest with(
      Optional<Status> newStatus, Optional<Phase> newPhase, Optional<Team> newTeam) {
    return new PilotListRequest(newStatus, newPhase, newTeam, limit, null);
  }

  private String query(Cursor next) {
    Map<String, String> parameters = new LinkedHashMap<>();
    status.ifPresent(s -> parameters.put("status", s.parameter()));
    phase.ifPresent(p -> parameters.put("phase", p.title()));
    team.ifPresent(t -> parameters.put("team", t.groupId()));
    if (limit != DEFAULT_LIMIT) {
      parameters.put("limit", Integer.toString(limit));
    }
    if (next != null) {
      parameters.put("after", next.encoded());
    }
    return parameters.entrySet().stream()
        .map(
            entry ->
                entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
