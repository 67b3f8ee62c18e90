package io.pilotlaunch.operations;

import java.time.Instant;
import java.util.List;

/**
 * One piece of pilot feedback as received and, once docs categorized it, with its category, the
 * enhancement candidates it names and who categorized it when (null fields until then).
 */
public record FeedbackItem(
    String externalId,
    String text,
    String source,
    Instant receivedAt,
    String category,
    List<String> candidates,
    String comment,
    String categorizedBy,
    Instant categorizedAt) {

  public boolean categorized() {
    return categorizedAt != null;
  }
}
