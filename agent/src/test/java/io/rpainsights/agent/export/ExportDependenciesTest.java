package io.rpainsights.agent.export;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The exporter SPI is a public contract that plugins compile against: it may name only the JDK and
 * its own types (and, inside, the agent's logger and Jackson for the JSON file), never the bundled
 * Prometheus client, which a plugin must not come to depend on. Metrics reach the application's
 * side of the agent only through the collector's sink interface.
 */
class ExportDependenciesTest {

  private static final JavaClasses AGENT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.rpainsights.agent");

  @Test
  void theExportPackageKnowsNeitherPrometheusNorTheRestOfTheAgent() {
    classes()
        .that()
        .resideInAPackage("io.rpainsights.agent.export")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "io.rpainsights.agent.export",
            "io.rpainsights.agent.log",
            "com.fasterxml.jackson.core..")
        .check(AGENT);
  }

  @Test
  void metricsNeverReachTheInstrumentationOrTheStore() {
    noClasses()
        .that()
        .resideInAPackage("io.rpainsights.agent.metrics..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.rpainsights.agent.instrument..",
            "io.rpainsights.agent.store..",
            "io.rpainsights.agent.core..")
        .check(AGENT);
  }
}
