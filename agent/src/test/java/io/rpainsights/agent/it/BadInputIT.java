package io.rpainsights.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.itapp.HostileValuesApp;
import io.rpainsights.itapp.OutcomesApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every hostile setup leaves the host exactly as it runs without the agent: same output, same exit
 * code, a clear {@code [rpa-insights]} line or few, never a stack trace.
 */
class BadInputIT {

  @TempDir static Path dir;
  static ForkedJvm.Result plain;

  @BeforeAll
  static void runWithoutAgent() throws Exception {
    plain = sample().run();
    assertThat(plain.exitCode).as(plain.toString()).isZero();
    assertThat(plain.summaryLine()).isNotNull();
  }

  private static ForkedJvm sample() {
    return ForkedJvm.jar(ForkedJvm.SAMPLE_JAR, "--runs", "20", "--seed", "5").in(dir);
  }

  /** Runs the sample under the agent and checks that it behaved exactly as without it. */
  private static ForkedJvm.Result hostile(ForkedJvm jvm) throws Exception {
    ForkedJvm.Result run = jvm.run();
    assertThat(run.exitCode).as(run.toString()).isEqualTo(plain.exitCode);
    assertThat(run.summaryLine()).as(run.toString()).isEqualTo(plain.summaryLine());
    assertThat(run.agentLines()).as(run.toString()).isNotEmpty().hasSizeLessThanOrEqualTo(3);
    assertThat(run.stderr).as("no stack trace").doesNotContainPattern("(?m)^\\s+at [a-z]");
    return run;
  }

  @Test
  void unparseableConfigNamesTheFileAndLineAndDisablesTheAgent() throws Exception {
    Path broken =
        TestConfigs.write(
            dir, "broken.yaml", "instrument:\n  steps:\n    - type: [unclosed\n      method: x\n");
    Path db = dir.resolve("never.db");
    ForkedJvm.Result run = hostile(sample().withAgent("config=" + broken + ",store.path=" + db));
    assertThat(run.agentLines()).hasSize(1);
    assertThat(run.agentLines().get(0)).contains("broken.yaml").containsPattern(":\\d+");
    assertThat(db).doesNotExist();
  }

  @Test
  void missingConfigFileIsNamed() throws Exception {
    ForkedJvm.Result run = hostile(sample().withAgent("config=" + dir.resolve("nope.yaml")));
    assertThat(run.agentLines()).singleElement().asString().contains("nope.yaml");
  }

  @Test
  void noConfigAnywhereSaysHowToPassOne() throws Exception {
    ForkedJvm.Result run = hostile(sample().withAgent(null));
    assertThat(run.agentLines()).singleElement().asString().contains("config");
  }

  @Test
  void invalidValueNamesFileLineAndKey() throws Exception {
    Path config = TestConfigs.write(dir, "badvalue.yaml", "collector:\n  batchSize: lots\n");
    ForkedJvm.Result run = hostile(sample().withAgent("config=" + config));
    assertThat(run.agentLines().get(0)).contains("badvalue.yaml:2", "batchSize");
  }

  @Test
  void unwritableStoreIsReportedAndTheAppRunsOn() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
    ForkedJvm.Result run =
        hostile(
            sample()
                .withAgent("config=" + ForkedJvm.SAMPLE_CONFIG.toAbsolutePath())
                .property("rpa.insights.store.path", file.resolve("x.db").toString()));
    assertThat(String.join("\n", run.agentLines())).contains("not-a-directory");
  }

  @Test
  void aDirectoryInPlaceOfTheStoreIsReported() throws Exception {
    Path directory = Files.createDirectories(dir.resolve("a-directory.db"));
    hostile(
        sample()
            .withAgent("config=" + ForkedJvm.SAMPLE_CONFIG.toAbsolutePath())
            .property("rpa.insights.store.path", directory.toString()));
  }

  @Test
  void anImpossibleExpressionIsReportedOnceAndYieldsNull() throws Exception {
    Path config =
        TestConfigs.write(
            dir,
            "impossible.yaml",
            "instrument:\n  executions:\n    - type: \"**\"\n      method: executeWorkflow\n"
                + "  steps:\n    - type: \"**\"\n      method: executeNode\n"
                + "      nodeId: arg7.nope.nope()\n");
    Path db = dir.resolve("impossible.db");
    ForkedJvm.Result run = hostile(sample().withAgent("config=" + config + ",store.path=" + db));
    assertThat(run.agentLines()).filteredOn(line -> line.contains("arg7")).hasSize(1);
    try (StoreReader store = new StoreReader(db)) {
      assertThat(store.count("select count(*) from steps")).isEqualTo(plain.summary("steps"));
      assertThat(store.count("select count(*) from steps where node_id is not null")).isZero();
    }
  }

  @Test
  void unknownKeysAreReportedAndIgnored() throws Exception {
    Path config =
        TestConfigs.write(
            dir,
            "typo.yaml",
            Files.readString(ForkedJvm.SAMPLE_CONFIG) + "\ncolector:\n  batchSize: 10\n");
    Path db = dir.resolve("typo.db");
    ForkedJvm.Result run = hostile(sample().withAgent("config=" + config + ",store.path=" + db));
    assertThat(String.join("\n", run.agentLines())).contains("typo.yaml", "colector");
    try (StoreReader store = new StoreReader(db)) {
      assertThat(store.count("select count(*) from steps")).isEqualTo(plain.summary("steps"));
    }
  }

  @Test
  void disabledByConfigRecordsNothing() throws Exception {
    Path config = TestConfigs.write(dir, "off.yaml", "enabled: false\n");
    Path db = dir.resolve("off.db");
    hostile(sample().withAgent("config=" + config + ",store.path=" + db));
    assertThat(db).doesNotExist();
  }

  @Test
  void aGetterThatThrowsIsReportedOnceAndTheStepIsStillRecorded() throws Exception {
    Path config =
        TestConfigs.write(
            dir,
            "explosive.yaml",
            TestConfigs.MINI_ENGINE.replace("actionType: arg0.kind", "actionType: arg0.explosive"));
    Path db = dir.resolve("explosive.db");
    ForkedJvm.Result reference = ForkedJvm.testApp(OutcomesApp.class).run();
    ForkedJvm.Result run =
        ForkedJvm.testApp(OutcomesApp.class)
            .withAgent("config=" + config + ",store.path=" + db)
            .run();
    assertThat(run.exitCode).isEqualTo(reference.exitCode);
    assertThat(run.stdout).isEqualTo(reference.stdout);
    List<String> lines = run.agentLines();
    assertThat(lines).filteredOn(line -> line.contains("getter exploded")).hasSize(1);
    assertThat(run.stderr).doesNotContainPattern("(?m)^\\s+at [a-z]");
    try (StoreReader store = new StoreReader(db)) {
      assertThat(store.count("select count(*) from steps")).isEqualTo(18);
      assertThat(store.count("select count(*) from steps where action_type is not null")).isZero();
    }
  }

  @Test
  void valuesWhoseOwnMethodsThrowAreReportedAndEveryRecordIsStillStored() throws Exception {
    Path config =
        TestConfigs.write(
            dir,
            "hostile.yaml",
            String.join(
                "\n",
                "collector: { flushIntervalMs: 100 }",
                "resources: { enabled: false }",
                "instrument:",
                "  executions:",
                "    - type: io.rpainsights.itapp.HostileValuesApp$Engine",
                "      method: run",
                "      workflowId: arg0",
                "      status: return",
                "  steps:",
                "    - type: io.rpainsights.itapp.HostileValuesApp$Engine",
                "      method: step",
                "      nodeId: arg0",
                "      success: return.ok",
                "      error: return.detail",
                ""));
    Path db = dir.resolve("hostile.db");
    ForkedJvm.Result reference = ForkedJvm.testApp(HostileValuesApp.class).run();
    ForkedJvm.Result run =
        ForkedJvm.testApp(HostileValuesApp.class)
            .withAgent("config=" + config + ",store.path=" + db)
            .run();

    assertThat(run.exitCode).isEqualTo(reference.exitCode);
    assertThat(run.stdout).isEqualTo(reference.stdout);
    assertThat(run.stderr).doesNotContainPattern("(?m)^\\s+at [a-z]");
    assertThat(run.agentLines())
        .anySatisfy(line -> assertThat(line).contains("NodeRef.toString() threw"))
        .anySatisfy(line -> assertThat(line).contains("Detail.toString() threw"))
        .anySatisfy(line -> assertThat(line).contains("LazyMessageException.getMessage() threw"))
        .anySatisfy(line -> assertThat(line).contains("'COMPLETED'", "none of success"));
    try (StoreReader store = new StoreReader(db)) {
      // The execution ended by the throwing exception is failed with its type, not left running
      // until the agent's shutdown.
      assertThat(
              store.texts(
                  "select workflow_id || ':' || status || ':' || coalesce(error_type, '-') || ':'"
                      + " || coalesce(error_message, '-') from executions order by started_at"))
          .containsExactly(
              "plain:success:-:-",
              "lazy-message:failed:io.rpainsights.itapp.HostileValuesApp$LazyMessageException:-");
      // Every step of both, the one without a printable id and the nested one included.
      for (String workflow : new String[] {"plain", "lazy-message"}) {
        assertThat(
                store.texts(
                    "select coalesce(s.node_id, '?') || ':' || s.status || ':' ||"
                        + " coalesce(s.error_message, '-') from steps s join executions e using"
                        + " (execution_id) where e.workflow_id = '"
                        + workflow
                        + "' order by s.step_number"))
            .containsExactly(
                "a:success:-", "?:success:-", "c:success:-", "c-inner:success:-", "d:failed:-");
      }
    }
  }
}
