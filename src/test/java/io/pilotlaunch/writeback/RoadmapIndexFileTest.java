package io.pilotlaunch.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RoadmapIndexFileTest {

  private static final RoadmapIndexFile.Row M6 =
      new RoadmapIndexFile.Row(
          "M6",
          "MVP Pilot Launch",
          "Product Management + TPM",
          RoadmapIndexFile.documentLink(
              "docs/milestones/README.md", "docs/milestones/m6-mvp-pilot-launch.md"));

  private static final String INDEX =
      """
      # Roadmap

      Intro text.

      | Milestone | Title | Owner | Status | Document |
      |-----------|-------|-------|--------|----------|
      | M5 | Production Deployment Readiness | DevOps + SRE | Completed | [m5](m5-production-deployment-readiness.md) |
      | M6 | MVP Pilot Launch | PM + TPM | In Progress | [m6](m6-mvp-pilot-launch.md) |

      Notes below the table.
      """;

  @Test
  void theMilestonesStatusCellChangesAndNothingElse() {
    String written = RoadmapIndexFile.withStatus(INDEX, M6, "Completed", "m6-mvp-pilot-launch.md");

    assertThat(written)
        .isEqualTo(INDEX.replace("| PM + TPM | In Progress |", "| PM + TPM | Completed |"));
  }

  /** The index this repository keeps (docs/milestones/README.md), ids in lower case. */
  @Test
  void ourOwnIndexGetsOnlyItsM6RowCompleted() throws Exception {
    String ours = Files.readString(Path.of("docs/milestones/README.md"));
    String m6Row =
        "| m6 | MVP Pilot Launch | Product Management + TPM | Not Started |"
            + " [m6-mvp-pilot-launch.md](./m6-mvp-pilot-launch.md) |";
    assertThat(ours).contains(m6Row);

    String written =
        RoadmapIndexFile.withStatus(
            ours,
            new RoadmapIndexFile.Row("M6", "MVP Pilot Launch", "Product Management + TPM", null),
            "Completed",
            "m6-mvp-pilot-launch.md");

    assertThat(written).isEqualTo(ours.replace(m6Row, m6Row.replace("Not Started", "Completed")));
  }

  @Test
  void aRowNamedMilestone6OrLinkingTheDocumentIsTheMilestonesRow() {
    String named =
        """
        | Status | Milestone |
        | --- | --- |
        | Not Started | **Milestone 6** |
        """;
    assertThat(RoadmapIndexFile.withStatus(named, M6, "Completed", "m6-mvp-pilot-launch.md"))
        .isEqualTo(named.replace("Not Started", "Completed"));

    String linked =
        """
        | Milestone | Status | Document |
        | --- | --- | --- |
        | Pilot | Not Started | [doc](./m6-mvp-pilot-launch.md) |
        """;
    assertThat(RoadmapIndexFile.withStatus(linked, M6, "Completed", "m6-mvp-pilot-launch.md"))
        .isEqualTo(linked.replace("Not Started", "Completed"));
  }

  @Test
  void aMissingRowIsAddedAtTheEndOfTheTableInItsColumnOrder() {
    String withoutM6 =
        """
        | Milestone | Status | Owner | Title | Document |
        | --- | --- | --- | --- | --- |
        | M5 | Completed | DevOps + SRE | Production Deployment Readiness | [m5](m5.md) |

        After.
        """;

    assertThat(RoadmapIndexFile.withStatus(withoutM6, M6, "Completed", "m6-mvp-pilot-launch.md"))
        .isEqualTo(
            withoutM6.replace(
                "[m5](m5.md) |\n",
                "[m5](m5.md) |\n| M6 | Completed | Product Management + TPM | MVP Pilot Launch"
                    + " | [m6-mvp-pilot-launch.md](m6-mvp-pilot-launch.md) |\n"));
  }

  @Test
  void aMissingFileOrTableIsCreated() {
    String table =
        """
        | Milestone | Title | Owner | Status | Document |
        | --- | --- | --- | --- | --- |
        | M6 | MVP Pilot Launch | Product Management + TPM | Completed | [m6-mvp-pilot-launch.md](m6-mvp-pilot-launch.md) |
        """;

    assertThat(RoadmapIndexFile.withStatus(null, M6, "Completed", "m6-mvp-pilot-launch.md"))
        .isEqualTo("# Roadmap\n\n" + table);
    assertThat(
            RoadmapIndexFile.withStatus(
                "# Roadmap\n\nNo table yet.\n", M6, "Completed", "m6-mvp-pilot-launch.md"))
        .isEqualTo("# Roadmap\n\nNo table yet.\n\n" + table);
  }

  @Test
  void theDocumentLinkIsRelativeToTheIndex() {
    assertThat(RoadmapIndexFile.documentLink("README.md", "docs/milestones/m6.md"))
        .isEqualTo("[m6.md](docs/milestones/m6.md)");
    assertThat(RoadmapIndexFile.documentLink("docs/roadmap/README.md", "docs/milestones/m6.md"))
        .isEqualTo("[m6.md](../milestones/m6.md)");
  }
}
