package io.pilotlaunch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * The feature packages depend only downward, in this order, and never in a circle; what the model
 * calls lives in the feature it serves.
 */
@AnalyzeClasses(packages = "io.pilotlaunch", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** Bottom to top: a package may use those before it, never those after it. */
  static final List<String> LAYERS =
      List.of(
          "sql",
          "process",
          "milestones",
          "teams",
          "resilience",
          "web",
          "authentication",
          "engineguards",
          "enginerest",
          "startupguard",
          "onboarding",
          "roadmap",
          "pilot",
          "operations",
          "signoff",
          "git",
          "issuefeeds",
          "overview",
          "launch",
          "tasklist",
          "pages",
          "notifications",
          "writeback");

  @ArchTest
  static final ArchRule noCycles =
      slices().matching("io.pilotlaunch.(*)..").should().beFreeOfCycles();

  @ArchTest static final ArchRule onlyDownward = layers();

  /**
   * The layer rule checks only the packages it lists: a package nobody placed would escape it, so
   * every class must live in a listed one (or be the application class at the root).
   */
  @ArchTest
  static final ArchRule everyPackageIsPlaced =
      classes()
          .should()
          .resideInAnyPackage(placedPackages())
          .because("a new package goes into ArchitectureTest.LAYERS, in its place (ADR 0017)");

  @ArchTest
  static final ArchRule listenersAndDelegatesLiveInTheirFeature =
      noClasses()
          .that()
          .resideInAPackage("io.pilotlaunch.process..")
          .should()
          .implement(JavaDelegate.class)
          .orShould()
          .implement(ExecutionListener.class)
          .orShould()
          .implement(TaskListener.class)
          .because("the model names beans; the process package holds only the model's names");

  private static String[] placedPackages() {
    return Stream.concat(
            Stream.of("io.pilotlaunch"),
            LAYERS.stream().map(layer -> "io.pilotlaunch." + layer + ".."))
        .toArray(String[]::new);
  }

  private static ArchRule layers() {
    LayeredArchitecture architecture = layeredArchitecture().consideringOnlyDependenciesInLayers();
    for (String layer : LAYERS) {
      architecture = architecture.layer(layer).definedBy("io.pilotlaunch." + layer + "..");
    }
    for (int i = 0; i < LAYERS.size() - 1; i++) {
      String[] above = LAYERS.subList(i + 1, LAYERS.size()).toArray(String[]::new);
      architecture = architecture.whereLayer(LAYERS.get(i)).mayOnlyBeAccessedByLayers(above);
    }
    return architecture
        .whereLayer(LAYERS.get(LAYERS.size() - 1))
        .mayNotBeAccessedByAnyLayer()
        .because("features depend only downward: " + String.join(" < ", LAYERS));
  }
}
