package io.rpainsights.analytics;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Dependencies point one way: cli → server → report → engine → store; no package cycles. */
@AnalyzeClasses(
    packages = "io.rpainsights.analytics",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule layers =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .withOptionalLayers(true)
          .layer("cli")
          .definedBy("io.rpainsights.analytics.cli..")
          .layer("server")
          .definedBy("io.rpainsights.analytics.server..")
          .layer("report")
          .definedBy("io.rpainsights.analytics.report..")
          .layer("engine")
          .definedBy("io.rpainsights.analytics.engine..")
          .layer("generate")
          .definedBy("io.rpainsights.analytics.generate..")
          .layer("archive")
          .definedBy("io.rpainsights.analytics.archive..")
          .layer("store")
          .definedBy("io.rpainsights.analytics.store..")
          .whereLayer("cli")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("server")
          .mayOnlyBeAccessedByLayers("cli")
          .whereLayer("report")
          .mayOnlyBeAccessedByLayers("cli", "server")
          .whereLayer("engine")
          .mayOnlyBeAccessedByLayers("cli", "report", "server")
          .whereLayer("generate")
          .mayOnlyBeAccessedByLayers("cli")
          .whereLayer("archive")
          .mayOnlyBeAccessedByLayers("cli")
          .whereLayer("store")
          .mayOnlyBeAccessedByLayers("cli", "server", "report", "engine", "generate", "archive");

  @ArchTest
  static final ArchRule engineFeaturesDoNotReachTheStoreThroughSqlThemselves =
      com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
          .that()
          .resideInAPackage("io.rpainsights.analytics.engine..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.sql..", "org.sqlite..")
          .allowEmptyShould(true);

  @ArchTest
  static final ArchRule noCycles =
      slices().matching("io.rpainsights.analytics.(**)").should().beFreeOfCycles();
}
