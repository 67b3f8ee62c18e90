package io.pilotlaunch.roadmap;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilotlaunch.roadmap.MilestoneDependencies.Dependency;
import io.pilotlaunch.roadmap.RoadmapDocument.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The milestone documents' dependency lines and the roadmap index document, as written. */
class MilestoneDependenciesTest {

  private static final Path MILESTONES = Path.of("docs/milestones");

  @Test
  void milestone6DependsOnMilestone5BeingCompleted() throws IOException {
    String m6 = Files.readString(MILESTONES.resolve("m6-mvp-pilot-launch.md"));

    assertThat(MilestoneDependencies.of(m6))
        .containsExactly(new Dependency("m5", "Production Deployment Readiness", "Completed"));
    assertThat(MilestoneDependencies.of(m6).get(0).name())
        .isEqualTo("Milestone 5: Production Deployment Readiness");
  }

  @Test
  void aLineMayNameSeveralDependenciesAndOtherLinesNameNone() {
    String document =
        """
        # Milestone 9: Something

        - Status: Not Started
        - Dependency: [Milestone 7: Post-MVP Enhancements Hook](./m7.md) `Completed`, \
        [Milestone 12: Billing](./m12-billing.md) `In Progress`
        - Related: [Milestone 8: Not a dependency](./m8.md) `Completed`
        """;

    assertThat(MilestoneDependencies.of(document))
        .containsExactly(
            new Dependency("m7", "Post-MVP Enhancements Hook", "Completed"),
            new Dependency("m12", "Billing", "In Progress"));
    assertThat(MilestoneDependencies.of("# Milestone 1\n\n- Status: Not Started\n")).isEmpty();
  }

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
