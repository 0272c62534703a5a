package io.rpainsights.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.itapp.ExitApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything recorded before the JVM ends reaches the store: System.exit and SIGTERM. */
class ShutdownIT {

  @TempDir Path dir;

  private ForkedJvm app(Path db, String... arguments) throws Exception {
    Path config = TestConfigs.write(dir, "engine.yaml", TestConfigs.MINI_ENGINE);
    // A long flush interval: only the shutdown flush can have written the rows.
    return ForkedJvm.testApp(ExitApp.class, arguments)
        .withAgent("config=" + config + ",store.path=" + db + ",collector.flushIntervalMs=600000");
  }

  @Test
  void systemExitFlushesEverythingAndKeepsTheExitCode() throws Exception {
    Path db = dir.resolve("exit.db");
    ForkedJvm.Result run = app(db, "exit", "3").run();
    assertThat(run.exitCode).isEqualTo(3);
    assertInterruptedJobStored(db);
  }

  @Test
  void sigtermFlushesEverything() throws Exception {
    Path db = dir.resolve("term.db");
    Path out = dir.resolve("term.out");
    Process process = app(db, "wait").start(out, dir.resolve("term.err"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.readString(out).contains("READY")) {
      assertThat(System.nanoTime()).as("the app never got ready").isLessThan(deadline);
      assertThat(process.isAlive()).as("the app died").isTrue();
      Thread.sleep(20);
    }
    process.destroy(); // SIGTERM
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertInterruptedJobStored(db);
  }

  @Test
  void aJobInTheApplicationsShutdownHookNeverLeavesARunningRow() throws Exception {
    // The application's hook and the agent's run side by side: the job starts before, during or
    // after the agent's sweep of open executions, differently from run to run.
    for (int run = 1; run <= 2; run++) {
      Path db = dir.resolve("hook" + run + ".db");
      ForkedJvm.Result result = app(db, "hook").run();
      assertThat(result.exitCode).as(result.toString()).isZero();
      try (StoreReader store = new StoreReader(db)) {
        assertThat(store.texts("select workflow_id || ':' || status from executions"))
            .as("run %d", run)
            .contains("main:success")
            .doesNotContain("cleanup:running");
        assertThat(
                store.count(
                    "select count(*) from steps where execution_id not in"
                        + " (select execution_id from executions)"))
            .isZero();
      }
    }
  }

  private static void assertInterruptedJobStored(Path db) throws Exception {
    try (StoreReader store = new StoreReader(db)) {
      assertThat(store.count("select count(*) from steps where status = 'success'")).isEqualTo(5);
      assertThat(
              store.text(
                  "select status || '/' || error_type || '/' || steps_completed from executions"))
          .isEqualTo("failed/AgentShutdown/5");
    }
  }
}
