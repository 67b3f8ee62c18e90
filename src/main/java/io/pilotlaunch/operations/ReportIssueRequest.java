package io.pilotlaunch.operations;

import io.pilotlaunch.web.ExternalId;
import io.pilotlaunch.web.IsoTimestamp;
import io.pilotlaunch.web.OneOf;
import io.pilotlaunch.web.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * POST /api/pilots/{tenantId}/issues, as a ticketing or monitoring system sends it. That reportedAt
 * lies within the pilot window is checked against the pilot ({@link IssueReporting}).
 */
public record ReportIssueRequest(
    @ExternalId String externalId,
    @NotBlank(message = "is required") @KnownSeverity String severity,
    @NotBlank(message = "is required") @OneOf({IssueReporting.BACKEND, IssueReporting.FRONTEND})
        String component,
    @NotBlank(message = "is required")
        @PlainText(max = 100)
        @Pattern(regexp = "(?s).*[A-Za-z0-9].*", message = "must contain letters or digits")
        String topic,
    @NotBlank(message = "is required") @PlainText(max = 500) String summary,
    @NotBlank(message = "is required") @IsoTimestamp String reportedAt) {}
