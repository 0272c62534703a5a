package io.rpainsights.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.itapp.ExecutorApp;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Steps handed to executors from inside an execution belong to that execution. */
class ExecutorPropagationIT {

  @TempDir Path dir;

  @Test
  void stepsOnExecutorThreadsBelongToTheExecutionThatHandedThemOff() throws Exception {
    Path db = dir.resolve("executors.db");
    Path config = TestConfigs.write(dir, "engine.yaml", TestConfigs.MINI_ENGINE);
    ForkedJvm.Result run =
        ForkedJvm.testApp(ExecutorApp.class)
            .withAgent("config=" + config + ",store.path=" + db)
            .run();
    assertStepsFollowTheirExecutions(run, db);
  }

  /**
   * The agent's start-up thread loads the JDK's thread pools while it opens SQLite and does not
   * wait for the instrumentation to be ready; they are instrumented once it is.
   */
  @Test
  void theSameWhenTheAgentsStartUpLoadedTheThreadPoolsFirst() throws Exception {
    Path db = dir.resolve("late-executors.db");
    Path config = TestConfigs.write(dir, "engine.yaml", TestConfigs.MINI_ENGINE);
    ForkedJvm.Result run =
        ForkedJvm.testApp(ExecutorApp.class)
            .property("itapp.startDelayMs", "2000")
            .withAgent("config=" + config + ",store.path=" + db)
            .run();
    assertStepsFollowTheirExecutions(run, db);
  }

  private static void assertStepsFollowTheirExecutions(ForkedJvm.Result run, Path db)
      throws Exception {
    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.agentLines()).noneMatch(line -> line.contains("unattributed"));
    try (StoreReader store = new StoreReader(db)) {
      assertThat(store.count("select count(*) from executions where status = 'success'"))
          .isEqualTo(5);
      // Eight hand-offs per job: submit(Runnable), submit(Callable), execute, supplyAsync on a
      // pool, runAsync on the common pool, schedule, ForkJoinPool.submit, and a failing step healed
      // on the worker thread.
      assertThat(store.count("select count(*) from steps")).isEqualTo(40);
      assertThat(
              store.count(
                  "select count(*) from executions e where (select count(*) from steps s where"
                      + " s.execution_id = e.execution_id) = 8"))
          .isEqualTo(5);
      assertThat(
              store.texts(
                  "select distinct node_id from steps where execution_id = (select min"
                      + "(execution_id) from executions) order by node_id"))
          .containsExactly(
              "common-pool",
              "execute",
              "fork-join",
              "healed-on-worker",
              "scheduled",
              "submit-callable",
              "submit-runnable",
              "supply-async");
      assertThat(store.count("select count(*) from steps where status = 'recovered'")).isEqualTo(5);
      assertThat(store.count("select count(*) from recoveries where execution_id is null"))
          .isZero();
      assertThat(
              store.count(
                  "select count(*) from (select execution_id from steps group by execution_id"
                      + " having count(distinct step_number) != 8 or min(step_number) != 1 or"
                      + " max(step_number) != 8)"))
          .as("step numbers 1..8 in every execution")
          .isZero();
    }
  }
}
