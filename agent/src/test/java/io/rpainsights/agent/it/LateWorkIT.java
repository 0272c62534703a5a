package io.rpainsights.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.itapp.LateWorkApp;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executor work that outlives its execution, or is run again outside it, or runs on a pool that
 * never reports a task's end.
 */
class LateWorkIT {

  @TempDir Path dir;

  @Test
  void lateStepsCountForTheirExecutionAndRepeatedRunsDoNotCarryAnEndedOne() throws Exception {
    Path db = dir.resolve("late.db");
    Path config = TestConfigs.write(dir, "engine.yaml", TestConfigs.MINI_ENGINE);
    ForkedJvm.Result run =
        ForkedJvm.testApp(LateWorkApp.class)
            .withAgent("config=" + config + ",store.path=" + db)
            .run();

    assertThat(run.exitCode).as(run.toString()).isZero();
    try (StoreReader store = new StoreReader(db)) {
      // Both late steps are stored, the failed one too (it has no recovery left to wait for), and
      // the execution's row counts them.
      assertThat(
              store.texts(
                  "select s.node_id || ':' || s.status from steps s join executions e using"
                      + " (execution_id) where e.workflow_id = 'fire-and-forget' order by"
                      + " s.step_number"))
          .containsExactly("late-ok:success", "late-fail:failed");
      assertThat(
              store.texts(
                  "select steps_completed || '/' || steps_failed from executions"
                      + " where workflow_id = 'fire-and-forget'"))
          .containsExactly("1/1");
      // The reused Runnable ran twice for the job, then three times outside any execution.
      assertThat(
              store.count(
                  "select count(*) from steps s join executions e using (execution_id)"
                      + " where e.workflow_id = 'reusing'"))
          .isEqualTo(2);
      // The periodic task's first run belongs to the job; its runs after the job ended do not.
      assertThat(
              store.count(
                  "select count(*) from steps s join executions e using (execution_id)"
                      + " where e.workflow_id = 'periodic'"))
          .isEqualTo(1);
      // The pool's afterExecute skips super: the job's task is its, the three later tasks on the
      // same worker are nobody's.
      assertThat(
              store.texts(
                  "select s.node_id from steps s join executions e using (execution_id)"
                      + " where e.workflow_id = 'hooked'"))
          .containsExactly("handed-off");
      assertThat(store.count("select count(*) from steps where node_id = 'unrelated'")).isZero();
      assertThat(store.count("select max(unattributed) from agent_health"))
          .as("3 reused runs, the heartbeat's later runs and 3 unrelated tasks")
          .isGreaterThanOrEqualTo(8);
    }
  }
}
