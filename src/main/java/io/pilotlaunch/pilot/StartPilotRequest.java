package io.pilotlaunch.pilot;

import io.pilotlaunch.web.Patterns;
import io.pilotlaunch.web.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;

/**
 * POST /api/pilots, and the start form in Tasklist. The window's bounds are ISO-8601 timestamps
 * with offset or plain dates ({@link PilotWindow}); environment and region must be configured
 * ({@code pilot.environments}) and the window must not end before it starts ({@link
 * ValidPilotStart}). The repository is optional: without one, only the generic git webhook reaches
 * the pilot's waits for merges (ADR 0019). A dependency override is the milestone owner's reason to
 * start while a dependency of the milestone is not Completed (ADR 0022); the API only.
 */
@ValidPilotStart
public record StartPilotRequest(
    @NotBlank(message = "is required")
        @Size(min = 2, max = 63, message = "must be 2 to 63 characters")
        @Pattern(
            regexp = Patterns.KEBAB,
            message = "must be lower-case letters and digits in words joined by single dashes")
        String tenantId,
    @NotBlank(message = "is required") @PlainText(max = 200) String tenantName,
    @NotBlank(message = "is required") String environment,
    @NotBlank(message = "is required") String region,
    @NotBlank(message = "is required") String pilotStart,
    @NotBlank(message = "is required") String pilotEnd,
    @Size(max = 200, message = "must be at most 200 characters")
        @Pattern(
            regexp = Patterns.REPOSITORY,
            message = "must be the repository's path on its git host, e.g. acme/pilot-app")
        String repository,
    @Valid DependencyOverride dependencyOverride) {

  /** Start although a dependency is not Completed, for this reason. */
  public record DependencyOverride(
      @NotBlank(message = "is required") @PlainText(max = 2000) String reason) {}

  /**
   * The repository as merges are matched against it: git hosts treat its path without regard to
   * case; null when the pilot names none.
   */
  public String normalizedRepository() {
    return repository == null || repository.isBlank() ? null : repository.toLowerCase(Locale.ROOT);
  }
}
