package io.rpainsights.bench.jmh;

import io.rpainsights.agent.collect.AgentHealth;
import io.rpainsights.agent.event.Event;
import io.rpainsights.agent.event.StepRecord;
import io.rpainsights.agent.store.SqliteStore;
import io.rpainsights.bench.probe.Rows;
import io.rpainsights.bench.probe.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The store's batch insert: 1,000 step rows in one transaction into the documented steps table and
 * its indexes, by bare JDBC ({@code executeBatch} of a single-row statement, or 10-row {@code
 * INSERT ... VALUES} statements) and by the agent's {@link SqliteStore#accept}. Scores are per row.
 * Each iteration starts a fresh file (in {@code -Dbench.dir}); the file grows during it, as a store
 * does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class StoreInsertBenchmark {

  static final int ROWS = 1000;

  /** Enough batches for an iteration of a second at several hundred thousand rows a second. */
  static final int BATCHES = 500;

  private static final String INSERT =
      "INSERT INTO steps(execution_id, workflow_id, node_id, action_type, step_number,"
          + " started_at, duration_ms, status, error_type, error_message) VALUES ";
  private static final String ROW = "(?,?,?,?,?,?,?,?,?,?)";

  @Param({"bareExecuteBatch", "bareMultiRow10", "sqliteStore"})
  public String writer;

  /**
   * Batches with fresh execution ids and rising times, used in turn, so that every index grows at
   * its right edge as in a live store (re-inserting one batch would make its ids land in the middle
   * of the execution-id index, a slower and unrealistic pattern).
   */
  private final List<List<Event>> batches = new ArrayList<>();

  private int next;
  private Path file;
  private Connection connection;
  private PreparedStatement single;
  private PreparedStatement multi;
  private SqliteStore store;

  @Setup(Level.Trial)
  public void rows() throws Exception {
    Rows rows = new Rows();
    long clock = 1_790_000_000_000L;
    String executionId = null;
    for (int b = 0; b < BATCHES; b++) {
      List<Event> batch = new ArrayList<>(ROWS);
      for (int i = 0; i < ROWS; i++) {
        if (i % 100 == 0) {
          executionId = rows.nextExecutionId();
        }
        batch.add(
            new StepRecord(
                executionId,
                Rows.workflowId((b * ROWS + i) / 100),
                Rows.nodeId(i % 100),
                Rows.action(i % 100),
                i % 100 + 1,
                clock++,
                0.000731 + i * 1e-7,
                StepRecord.SUCCESS,
                null,
                null,
                false));
      }
      batches.add(batch);
    }
    Path dir = Paths.get(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir")));
    Files.createDirectories(dir);
    file = dir.resolve("store-insert-" + writer + ".db");
  }

  @Setup(Level.Iteration)
  public void open() throws Exception {
    next = 0;
    if (writer.equals("sqliteStore")) {
      Stores.delete(file);
      store = SqliteStore.open(file, "bench-host", new AgentHealth());
    } else {
      connection = Stores.fresh(file);
      single = connection.prepareStatement(INSERT + ROW);
      multi = connection.prepareStatement(INSERT + String.join(",", Collections.nCopies(10, ROW)));
    }
  }

  @TearDown(Level.Iteration)
  public void close() throws Exception {
    if (store != null) {
      store.close();
      store = null;
    }
    if (connection != null) {
      single.close();
      multi.close();
      connection.close();
      connection = null;
    }
    Stores.delete(file);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void insertBatch() throws Exception {
    List<Event> batch = batches.get(next);
    next = next + 1 == BATCHES ? 0 : next + 1;
    switch (writer) {
      case "sqliteStore":
        store.accept(batch);
        return;
      case "bareMultiRow10":
        for (int i = 0; i < ROWS; i += 10) {
          int p = 1;
          for (int r = 0; r < 10; r++) {
            p = bind(multi, p, (StepRecord) batch.get(i + r));
          }
          multi.executeUpdate();
        }
        connection.commit();
        return;
      default:
        for (Event event : batch) {
          bind(single, 1, (StepRecord) event);
          single.addBatch();
        }
        single.executeBatch();
        connection.commit();
    }
  }

  private static int bind(PreparedStatement ps, int first, StepRecord s) throws SQLException {
    int p = first;
    ps.setString(p++, s.executionId);
    ps.setString(p++, s.workflowId);
    ps.setString(p++, s.nodeId);
    ps.setString(p++, s.actionType);
    ps.setInt(p++, s.stepNumber);
    ps.setLong(p++, s.startedAt);
    ps.setDouble(p++, s.durationMs);
    ps.setString(p++, s.status);
    ps.setString(p++, s.errorType);
    ps.setString(p++, s.errorMessage);
    return p;
  }
}
