package io.rpainsights.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The agent's one-way dependencies and its class-loader tiers, held by a test. */
class ArchitectureTest {

  private static final JavaClasses AGENT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.rpainsights.agent");

  @Test
  void theBootstrapBridgeDependsOnNothingButTheJdk() {
    classes()
        .that()
        .resideInAPackage("io.rpainsights.agent.bootstrap")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "io.rpainsights.agent.bootstrap")
        .check(AGENT);
  }

  @Test
  void theLauncherDependsOnNothingButTheJdk() {
    // It is loaded by the application's system class loader: it must not drag a library in.
    classes()
        .that()
        .resideInAPackage("io.rpainsights.agent")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "io.rpainsights.agent")
        .check(AGENT);
  }

  @Test
  void instrumentationReachesTheStoreOnlyThroughTheCollector() {
    noClasses()
        .that()
        .resideInAPackage("io.rpainsights.agent.instrument..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.rpainsights.agent.store..", "io.rpainsights.schema..")
        .check(AGENT);
  }

  @Test
  void theCollectorKnowsNoSink() {
    noClasses()
        .that()
        .resideInAPackage("io.rpainsights.agent.collect..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.rpainsights.agent.store..",
            "io.rpainsights.agent.instrument..",
            "io.rpainsights.agent.metrics..")
        .check(AGENT);
  }

  @Test
  void eventsAreDependencyFreeValues() {
    classes()
        .that()
        .resideInAPackage("io.rpainsights.agent.event")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "io.rpainsights.agent.event")
        .check(AGENT);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("io.rpainsights.agent.(*)..").should().beFreeOfCycles().check(AGENT);
  }
}
