package io.pilotlaunch.roadmap;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.roadmap.RoadmapDocument.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The milestone documents' dependency lines and the roadmap index document, as written. */
class RoadmapDocumentTest {

  private static final Path MILESTONES = Path.of("docs/milestones");

  @Test
  void theRoadmapIndexDocumentListsMilestones5To7WithMilestone5Completed() throws IOException {
    String index = Files.readString(MILESTONES.resolve("README.md"));

    assertThat(RoadmapDocument.rows(index))
        .containsExactly(
            new Row(
                "m5",
                "Production Deployment Readiness",
                "Product Management + TPM",
                "Completed",
                "m5-production-deployment-readiness.md"),
            new Row(
                "m6",
                "MVP Pilot Launch",
                "Product Management + TPM",
                "Not Started",
                "m6-mvp-pilot-launch.md"),
            new Row(
                "m7",
                "Post-MVP Enhancements Hook",
                "Product Management + TPM",
                "Not Started",
                "m7-post-mvp-enhancements.md"));
    assertThat(RoadmapDocument.rows(index))
        .allSatisfy(row -> assertThat(RoadmapStatus.ofLabel(row.status())).isPresent());
  }
}
