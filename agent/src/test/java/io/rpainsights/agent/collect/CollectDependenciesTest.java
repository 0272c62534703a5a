package io.rpainsights.agent.collect;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The collector's place in the one-way dependency chain instrument → collect → store. */
class CollectDependenciesTest {

  private static JavaClasses agent;

  @BeforeAll
  static void importAgentClasses() {
    agent =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.rpainsights.agent");
  }

  @Test
  void collectDoesNotDependOnTheStoreOrOnSqlite() {
    noClasses()
        .that()
        .resideInAPackage("io.rpainsights.agent.collect..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.rpainsights.agent.store..", "org.sqlite..", "java.sql..")
        .check(agent);
  }

  @Test
  void theQueueOnTheHotPathNeitherLogsNorDoesIoNorLocks() {
    noClasses()
        .that()
        .haveFullyQualifiedName(EventQueue.class.getName())
        .or()
        .haveFullyQualifiedName(PaddedSequence.class.getName())
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.rpainsights.agent.log..", "java.io..", "java.nio..")
        .orShould()
        .dependOnClassesThat()
        .resideInAPackage("java.util.concurrent.locks..")
        .check(agent);
  }
}
