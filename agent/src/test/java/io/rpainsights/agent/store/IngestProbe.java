package io.rpainsights.agent.store;

import io.rpainsights.agent.collect.AgentHealth;
import io.rpainsights.agent.collect.EventQueue;
import io.rpainsights.agent.collect.Flusher;
import io.rpainsights.agent.event.Event;
import io.rpainsights.agent.event.StepRecord;
import io.rpainsights.schema.StoreSchema;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A manual measurement, not a test: step rows per second into the documented steps table (with its
 * indexes), by bare JDBC (executeBatch, and multi-row INSERTs of several sizes), by {@link
 * SqliteStore#accept}, and through the whole collector (queue, flusher, store). Runs the variants
 * alternately, a fresh file each time, and prints medians, so that a noisy machine hits them all
 * alike.
 *
 * <pre>
 * mvn -B -q -pl agent -am test-compile
 * java -cp "agent/target/classes:agent/target/test-classes:store-schema/target/classes:$SQLITE_JDBC_JAR" \
 *     io.rpainsights.agent.store.IngestProbe [rows=300000] [rounds=5] [batch=1000]
 * </pre>
 */
public final class IngestProbe {

  private static final String COLUMNS =
      "INSERT INTO steps(execution_id, workflow_id, node_id, action_type, step_number, started_at,"
          + " duration_ms, status, error_type, error_message) VALUES ";
  private static final String ROW = "(?,?,?,?,?,?,?,?,?,?)";

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Rows per second of the writing thread's CPU time: steadier than wall time on a busy box. */
  private static final Map<String, List<Double>> cpuRates = new LinkedHashMap<>();

  private IngestProbe() {}

  private static void recordCpu(String name, int rows, long cpuNanos) {
    cpuRates.computeIfAbsent(name, k -> new ArrayList<>()).add(rows / (cpuNanos / 1e9));
  }

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    List<StepRecord> steps = steps(rows);
    Path dir = Files.createTempDirectory("rpa-ingest-probe");
    Map<String, List<Double>> rates = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      record(rates, "bare executeBatch", bare(dir, steps, batch, 1));
      for (int perStatement : new int[] {5, 10, 20, 50}) {
        record(rates, "bare multi-row x" + perStatement, bare(dir, steps, batch, perStatement));
      }
      record(rates, "SqliteStore.accept", store(dir, steps, batch));
      record(rates, "queue+flusher+store", pipeline(dir, steps, batch));
    }
    System.out.printf(
        "%,d step rows, batches of %d, %d rounds, java %s%n",
        rows, batch, rounds, System.getProperty("java.version"));
    for (Map.Entry<String, List<Double>> entry : rates.entrySet()) {
      List<Double> sorted = new ArrayList<>(entry.getValue());
      Collections.sort(sorted);
      List<Double> cpu = cpuRates.get(entry.getKey());
      String perCpu = "";
      if (cpu != null) {
        Collections.sort(cpu);
        perCpu = String.format("   %,9.0f rows per CPU-second", cpu.get(cpu.size() / 2));
      }
      System.out.printf(
          "%-22s median %,9.0f rows/s   (min %,.0f, max %,.0f)%s%n",
          entry.getKey(),
          sorted.get(sorted.size() / 2),
          sorted.get(0),
          sorted.get(sorted.size() - 1),
          perCpu);
    }
  }

  private static void record(Map<String, List<Double>> rates, String name, double rate) {
    rates.computeIfAbsent(name, k -> new ArrayList<>()).add(rate);
  }

  /** Executions of 10 steps over 20 workflows, one step in 50 failed: compact, realistic text. */
  private static List<StepRecord> steps(int rows) {
    List<StepRecord> steps = new ArrayList<>(rows);
    for (int n = 0; n < rows; n++) {
      int execution = n / 10;
      boolean failed = n % 50 == 0;
      steps.add(
          new StepRecord(
              "e" + Integer.toString(execution, 36) + "-7f3k",
              "invoice-processing-" + (execution % 20),
              "node-" + (n % 10),
              n % 3 == 0 ? "click" : "extract",
              n % 10 + 1,
              1_700_000_000_000L + 3L * n,
              2.5 + (n % 97) * 0.31,
              failed ? StepRecord.FAILED : StepRecord.SUCCESS,
              failed ? "java.lang.IllegalStateException" : null,
              failed ? "element not found" : null,
              false));
    }
    return steps;
  }

  private static Path fresh(Path dir) throws Exception {
    Path file = Files.createTempFile(dir, "probe", ".db");
    Files.delete(file);
    return file;
  }

  private static void cleanUp(Path file) throws Exception {
    Files.deleteIfExists(file);
    Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-wal"));
    Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-shm"));
  }

  /** The ceiling: plain JDBC, the same pragmas, one transaction per batch. */
  private static double bare(Path dir, List<StepRecord> steps, int batch, int perStatement)
      throws Exception {
    Path file = fresh(dir);
    SQLiteConfig config = new SQLiteConfig();
    config.setGetGeneratedKeys(false);
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + file);
    double rate;
    try (Connection c = source.getConnection()) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode = WAL");
        s.execute("PRAGMA synchronous = NORMAL");
      }
      StoreSchema.createOrMigrate(c);
      c.setAutoCommit(false);
      try (PreparedStatement one = c.prepareStatement(COLUMNS + ROW);
          PreparedStatement many =
              c.prepareStatement(
                  COLUMNS + String.join(",", Collections.nCopies(perStatement, ROW)))) {
        long start = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        for (int from = 0; from < steps.size(); from += batch) {
          int to = Math.min(steps.size(), from + batch);
          int i = from;
          if (perStatement > 1) {
            for (; i + perStatement <= to; i += perStatement) {
              int p = 1;
              for (int r = 0; r < perStatement; r++) {
                p = bind(many, p, steps.get(i + r));
              }
              many.executeUpdate();
            }
          }
          for (; i < to; i++) {
            bind(one, 1, steps.get(i));
            one.addBatch();
          }
          one.executeBatch();
          c.commit();
        }
        rate = steps.size() / ((System.nanoTime() - start) / 1e9);
        recordCpu(
            perStatement == 1 ? "bare executeBatch" : "bare multi-row x" + perStatement,
            steps.size(),
            THREADS.getCurrentThreadCpuTime() - cpuStart);
      }
    }
    cleanUp(file);
    return rate;
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

  private static double store(Path dir, List<StepRecord> steps, int batch) throws Exception {
    Path file = fresh(dir);
    SqliteStore store = SqliteStore.open(file, "probe", new AgentHealth());
    List<Event> events = new ArrayList<>(batch);
    long start = System.nanoTime();
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    for (int from = 0; from < steps.size(); from += batch) {
      events.clear();
      events.addAll(steps.subList(from, Math.min(steps.size(), from + batch)));
      store.accept(events);
    }
    double rate = steps.size() / ((System.nanoTime() - start) / 1e9);
    recordCpu("SqliteStore.accept", steps.size(), THREADS.getCurrentThreadCpuTime() - cpuStart);
    store.close();
    cleanUp(file);
    return rate;
  }

  /**
   * The whole path at the default queue capacity: one producer offers as fast as the queue takes
   * events (spinning on a refusal, so that the figure is the drain rate, not a drop rate), until
   * flushNow says every row is in the file.
   */
  private static double pipeline(Path dir, List<StepRecord> steps, int batch) throws Exception {
    Path file = fresh(dir);
    AgentHealth health = new AgentHealth();
    SqliteStore store = SqliteStore.open(file, "probe", health);
    EventQueue queue = new EventQueue(65536, health);
    Flusher flusher = new Flusher(queue, batch, 5000, health, List.of(store));
    flusher.start();
    long start = System.nanoTime();
    for (StepRecord step : steps) {
      while (!queue.offer(step)) {
        Thread.onSpinWait();
      }
    }
    flusher.flushNow();
    double rate = steps.size() / ((System.nanoTime() - start) / 1e9);
    flusher.shutdown(10_000);
    if (health.written() != steps.size()) {
      throw new IllegalStateException("wrote " + health.written() + " of " + steps.size());
    }
    cleanUp(file);
    return rate;
  }
}
