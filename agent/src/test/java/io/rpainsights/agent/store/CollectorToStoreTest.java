package io.rpainsights.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.agent.collect.AgentHealth;
import io.rpainsights.agent.collect.EventQueue;
import io.rpainsights.agent.collect.Flusher;
import io.rpainsights.agent.event.ExecutionFinished;
import io.rpainsights.agent.event.ExecutionStarted;
import io.rpainsights.agent.event.StepRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector and the store together, the way the agent wires them. */
class CollectorToStoreTest {

  @TempDir Path dir;

  @Test
  void executionsFromManyThreadsAllReachTheFileByShutdown() throws Exception {
    Path file = dir.resolve("rpa-insights.db");
    AgentHealth health = new AgentHealth();
    SqliteStore store = SqliteStore.open(file, "host-a", health);
    EventQueue queue = new EventQueue(65536, health);
    Flusher flusher = new Flusher(queue, 1000, 200, health, List.of(store));
    flusher.start();
    int threads = 4;
    int executionsPerThread = 250;
    int stepsPerExecution = 10;

    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread worker =
          new Thread(
              () -> {
                for (int e = 0; e < executionsPerThread; e++) {
                  String execution = "t" + id + "-e" + e;
                  long t0 = 1_700_000_000_000L + e * 100L;
                  queue.offer(new ExecutionStarted(execution, "wf-" + id, null, t0, 10));
                  for (int s = 1; s <= stepsPerExecution; s++) {
                    queue.offer(
                        new StepRecord(
                            execution,
                            "wf-" + id,
                            "n" + s,
                            "click",
                            s,
                            t0 + s,
                            1.5,
                            StepRecord.SUCCESS,
                            null,
                            null,
                            false));
                  }
                  queue.offer(
                      new ExecutionFinished(
                          execution,
                          "wf-" + id,
                          t0 + 20,
                          20.0,
                          ExecutionFinished.SUCCESS,
                          stepsPerExecution,
                          0,
                          0,
                          null,
                          null,
                          null));
                }
              });
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) {
      worker.join();
    }

    flusher.shutdown(10_000);

    int executions = threads * executionsPerThread;
    // The flusher closed the store: the WAL was folded back into the file and removed.
    assertThat(file.resolveSibling("rpa-insights.db-wal")).doesNotExist();
    assertThat(health.dropped()).isZero();
    assertThat(health.written()).isEqualTo((long) executions * (stepsPerExecution + 2));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      assertThat(single(s, "SELECT count(*) FROM executions WHERE status = 'success'"))
          .isEqualTo(executions);
      assertThat(single(s, "SELECT count(*) FROM steps")).isEqualTo(executions * 10L);
      assertThat(single(s, "SELECT sum(steps_completed) FROM executions"))
          .isEqualTo(executions * 10L);
    }
  }

  private static long single(Statement statement, String sql) throws Exception {
    try (ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
