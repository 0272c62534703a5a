package io.rpainsights.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample engine under the agent, driven only by its shipped config: the store must hold exactly
 * what the engine says it did, single-threaded, heavily concurrent, and on Java 25.
 */
class SampleEndToEndIT {

  @TempDir Path dir;

  @Test
  void singleThreadedRunIsStoredExactly() throws Exception {
    Path db = dir.resolve("single.db");
    ForkedJvm.Result run = runSample(db, "--runs", "60", "--threads", "1", "--seed", "11");
    assertStoreMatchesSummary(run, db);
  }

  @Test
  void sixteenThreadsAndTenThousandStepsAreStoredExactly() throws Exception {
    Path db = dir.resolve("concurrent.db");
    ForkedJvm.Result run = runSample(db, "--runs", "1500", "--threads", "16", "--seed", "7");
    assertThat(run.summary("steps"))
        .as("a run big enough to matter")
        .isGreaterThanOrEqualTo(10_000);
    assertStoreMatchesSummary(run, db);
  }

  @Test
  void java25RecordsTheSameRun() throws Exception {
    Optional<Path> java25 = temurin25();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        java25.isPresent(), "no Temurin 25 under /usr/lib/jvm: skipping the Java 25 run");
    Path db = dir.resolve("java25.db");
    ForkedJvm.Result run =
        sample(db, "--runs", "80", "--threads", "4", "--seed", "5").javaHome(java25.get()).run();
    assertThat(run.exitCode).as(run.toString()).isZero();
    assertStoreMatchesSummary(run, db);
  }

  private ForkedJvm sample(Path db, String... arguments) {
    return ForkedJvm.jar(ForkedJvm.SAMPLE_JAR, arguments)
        .withAgent("config=" + ForkedJvm.SAMPLE_CONFIG.toAbsolutePath())
        .property("rpa.insights.store.path", db.toString())
        .property("rpa.insights.collector.flushIntervalMs", "200");
  }

  private ForkedJvm.Result runSample(Path db, String... arguments) throws Exception {
    ForkedJvm.Result run = sample(db, arguments).run();
    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.summaryLine()).as(run.toString()).isNotNull();
    return run;
  }

  static void assertStoreMatchesSummary(ForkedJvm.Result run, Path db) throws Exception {
    try (StoreReader store = new StoreReader(db)) {
      assertThat(store.count("select count(*) from executions where status <> 'running'"))
          .isEqualTo(run.summary("executions"));
      assertThat(store.count("select count(*) from executions where status = 'success'"))
          .isEqualTo(run.summary("success"));
      assertThat(store.count("select count(*) from executions where status = 'failed'"))
          .isEqualTo(run.summary("failed"));
      assertThat(store.count("select count(*) from executions where status = 'running'")).isZero();
      assertThat(store.count("select count(*) from steps")).isEqualTo(run.summary("steps"));
      assertThat(store.count("select count(*) from steps where status = 'failed'"))
          .isEqualTo(run.summary("failedSteps"));
      assertThat(store.count("select count(*) from steps where status = 'recovered'"))
          .isEqualTo(run.summary("recoveredSteps"));
      assertThat(store.count("select count(*) from recoveries"))
          .isEqualTo(run.summary("recoveries"));
      assertThat(
              store.count(
                  "select count(*) from steps s left join executions e using (execution_id)"
                      + " where e.execution_id is null"))
          .as("orphan steps")
          .isZero();
      assertThat(
              store.count(
                  "select count(*) from executions e where (select count(*) from steps s where"
                      + " s.execution_id = e.execution_id) != coalesce(steps_completed, 0) +"
                      + " coalesce(steps_failed, 0)"))
          .as("executions whose counters disagree with their step rows")
          .isZero();
      assertThat(
              store.count(
                  "select count(*) from (select execution_id, count(*) n, count(distinct"
                      + " step_number) d, min(step_number) lo, max(step_number) hi from steps group"
                      + " by execution_id) where n != d or lo != 1 or hi != n"))
          .as("executions whose step numbers are not exactly 1..n")
          .isZero();
      assertThat(store.count("select count(*) from steps where duration_ms <= 0")).isZero();
      assertThat(store.count("select count(*) from executions where duration_ms < 0")).isZero();
      assertThat(store.count("select count(*) from resources")).isGreaterThanOrEqualTo(2);
    }
  }

  static Optional<Path> temurin25() throws Exception {
    Path jvms = Paths.get("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(jvms)) {
      return homes
          .filter(home -> home.getFileName().toString().startsWith("temurin-25"))
          .filter(home -> Files.isExecutable(home.resolve("bin/java")))
          .max(Comparator.naturalOrder());
    }
  }
}
