package io.pilotlaunch.milestones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.pilotlaunch.milestones.MilestoneDefinition.BranchPlan;
import io.pilotlaunch.milestones.MilestoneDefinition.Reference;
import io.pilotlaunch.milestones.MilestoneDefinition.Section;
import io.pilotlaunch.process.MvpPilotLaunchProcess;
import io.pilotlaunch.process.Phase;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Milestone 6 as its document and model say it, read without Spring. */
class MilestoneDefinitionsTest {

  static final MilestoneDefinitions DEFINITIONS =
      MilestoneDefinitions.fromClassPath(MilestoneDefinitionsTest.class.getClassLoader());

  final MilestoneDefinition m6 = DEFINITIONS.get("m6");

  @Test
  void milestone6IsReadFromItsDocumentAndModel() {
    assertThat(m6.number()).isEqualTo(6);
    assertThat(m6.heading()).isEqualTo("Milestone 6: MVP Pilot Launch");
    assertThat(m6.processKey()).isEqualTo(MvpPilotLaunchProcess.PROCESS_ID);
    assertThat(m6.status()).isEqualTo("Not Started");
    assertThat(m6.dependencies())
        .containsExactly(
            new Reference(
                5,
                "Production Deployment Readiness",
                "./m5-production-deployment-readiness.md",
                "Completed"));
    assertThat(m6.successor())
        .contains(
            new Reference(7, "Post-MVP Enhancements Hook", "./m7-post-mvp-enhancements.md", null));
    assertThat(m6.owners())
        .containsEntry("Milestone Owner", "Product Management + TPM")
        .containsEntry("Technical Owner", "DevOps + SRE")
        .hasSize(3);
  }

  @Test
  void milestone6SectionsAreItsSubprocessesWithTheirExits() {
    assertThat(m6.sections())
        .extracting(Section::key)
        .containsExactly("pre", "phase1", "phase2", "phase3", "review");
    assertThat(m6.section("phase1").orElseThrow())
        .extracting(Section::title, Section::exitGatewayId)
        .containsExactly(
            "Phase 1: Pilot Tenant Onboarding",
            MvpPilotLaunchProcess.Elements.GATEWAY_TENANT_READY_FOR_PILOT);
    assertThat(m6.section("phase2").orElseThrow().boxes()).hasSize(7);
    // the M6 enum the read model filters by runs in the same subprocesses and exits, and its
    // titles are how the document's headings begin
    assertThat(m6.sections())
        .extracting(Section::subProcessId, Section::endEventId)
        .containsExactlyElementsOf(
            Arrays.stream(Phase.values())
                .map(phase -> tuple(phase.subProcessId(), phase.endEventId()))
                .toList());
    for (Phase phase : Phase.values()) {
      assertThat(m6.sections())
          .filteredOn(section -> section.subProcessId().equals(phase.subProcessId()))
          .singleElement()
          .satisfies(section -> assertThat(section.title()).startsWith(phase.title()));
    }
  }

  @Test
  void milestone6BranchPlansAreTheDocumentsPlans() {
    assertThat(m6.section("phase1").orElseThrow().branchPlan())
        .contains(
            new BranchPlan("chore/m6-p1-pilot-tenant-onboarding", false, "chore/m6-integration"));
    BranchPlan fixes = m6.section("phase2").orElseThrow().branchPlan().orElseThrow();
    assertThat(fixes.pattern()).isTrue();
    assertThat(fixes.branchFor("login-timeout")).isEqualTo("fix/m6-p2-pilot-login-timeout");
    assertThat(fixes.prefix()).isEqualTo("fix/m6-p2-pilot-");
    assertThat(m6.section("phase3").orElseThrow().branchPlan().map(BranchPlan::branch))
        .contains("docs/m6-p3-pilot-exit-signoff");
    assertThat(m6.section("review").orElseThrow().branchPlan()).isEqualTo(Optional.empty());
    // the model waits for the onboarding PR and the fixes, not for the sign-off's documents
    assertThat(m6.mergesAwaited())
        .extracting(BranchPlan::branch)
        .containsExactly("chore/m6-p1-pilot-tenant-onboarding", "fix/m6-p2-pilot-<topic>");
    assertThat(fixes.matches("fix/m6-p2-pilot-login-timeout")).isTrue();
    assertThat(fixes.matches("fix/m7-p2-pilot-login-timeout")).isFalse();
  }

  /**
   * The webhook's branch matching, the fix branches and the task guides still name M6's branches as
   * constants: they say what the document's Branch and PR Plan says.
   */
  @Test
  void milestone6BranchConstantsAreTheDocumentsPlans() {
    BranchPlan phase1 = m6.section("phase1").orElseThrow().branchPlan().orElseThrow();
    BranchPlan phase2 = m6.section("phase2").orElseThrow().branchPlan().orElseThrow();
    BranchPlan phase3 = m6.section("phase3").orElseThrow().branchPlan().orElseThrow();
    assertThat(MvpPilotLaunchProcess.PHASE1_BRANCH).isEqualTo(phase1.branch());
    assertThat(MvpPilotLaunchProcess.PHASE2_FIX_BRANCH_PREFIX).isEqualTo(phase2.prefix());
    assertThat(MvpPilotLaunchProcess.PHASE3_BRANCH).isEqualTo(phase3.branch());
    assertThat(List.of(phase1.prTarget(), phase2.prTarget(), phase3.prTarget()))
        .containsOnly(MvpPilotLaunchProcess.INTEGRATION_BRANCH);
  }

  @Test
  void aRegistrationThatNamesNoModelOrAMissingDocumentIsRefusedWithWhatIsWrong(@TempDir Path root)
      throws Exception {
    Path registrations = Files.createDirectories(root.resolve("milestones"));
    Files.writeString(registrations.resolve("m8.properties"), "document=milestones/m8.md\n");
    assertThatThrownBy(() -> fromDirectory(root))
        .hasMessageContaining("Milestone registration")
        .hasMessageContaining("m8.properties")
        .hasMessageContaining("names no model");

    Files.writeString(
        registrations.resolve("m8.properties"),
        "document=milestones/m8.md\nmodel=processes/MvpPilotLaunch.bpmn\n");
    assertThatThrownBy(() -> fromDirectory(root))
        .hasMessage("milestones/m8.md is not on the class path");
  }

  /** The registrations under this directory, with the main class path behind them. */
  private static MilestoneDefinitions fromDirectory(Path root) throws Exception {
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {root.toUri().toURL()}, MilestoneDefinitionsTest.class.getClassLoader()) {
          // only this directory's registrations: the parent's m6 and m9 are not asked for
          @Override
          public java.util.Enumeration<URL> getResources(String name) throws java.io.IOException {
            return findResources(name);
          }
        }) {
      return MilestoneDefinitions.fromClassPath(loader);
    }
  }

  @Test
  void aModelWhoseItemsNameAnotherMilestoneIsRefused() {
    BpmnModelInstance model =
        Bpmn.readModelFromStream(
            getClass().getClassLoader().getResourceAsStream(m6.modelResource()));
    String renumbered = m6.document().replace("# Milestone 6:", "# Milestone 8:");

    assertThatThrownBy(() -> MilestoneReader.read("m8.md", renumbered, m6.modelResource(), model))
        .hasMessageContaining("the model's checklist items start with m6, the document is m8");
  }
}
