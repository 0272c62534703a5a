package io.rpainsights.bench.probe;

import io.rpainsights.agent.collect.AgentHealth;
import io.rpainsights.agent.event.Event;
import io.rpainsights.agent.event.ExecutionFinished;
import io.rpainsights.agent.event.ExecutionStarted;
import io.rpainsights.agent.event.StepRecord;
import io.rpainsights.agent.store.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Store size: {@code --executions} executions of {@code --steps} steps (10) written through the
 * agent's own {@link SqliteStore} in the batches the flusher would hand it, with the documented
 * tables and indexes, then measured page by page with SQLite's {@code dbstat}: bytes per 1,000
 * executions, bytes per step row (table, and table plus its indexes), and each table's and index's
 * share. The same after {@code VACUUM} shows what the pages' fill costs, and the same rows in the
 * {@link DictionaryLayout} experiment what the TEXT columns cost.
 *
 * <p>Output: {@code SIZE file_bytes=... per_1000_executions=... step_row_bytes=...
 * step_row_with_indexes_bytes=...}, then {@code SIZE object=NAME bytes=... per_1000_executions=...
 * fill_pct=...} per table and index, then the same as {@code SIZE_VACUUMED ...} and {@code
 * SIZE_DICTIONARY ...}, and {@code SIZE_DICTIONARY_READ ...} (reading through the view against the
 * table).
 */
public final class StoreSizeProbe {

  private StoreSizeProbe() {}

  public static void main(String[] args) throws Exception {
    Args options;
    try {
      options = Args.parse(args, "--executions", "--steps", "--dir");
    } catch (IllegalArgumentException e) {
      System.err.println("store-size: " + e.getMessage());
      System.exit(2);
      return;
    }
    int executions = options.integer("--executions", 10_000);
    int stepsEach = options.integer("--steps", 10);
    Path dir = Paths.get(options.text("--dir", System.getProperty("java.io.tmpdir")));
    Files.createDirectories(dir);
    Path file = dir.resolve("size.db");
    Stores.delete(file);
    write(file, executions, stepsEach);
    report("SIZE", file, executions, stepsEach);
    Path vacuumed = dir.resolve("size-vacuumed.db");
    Stores.delete(vacuumed);
    try (Connection connection = Stores.open(file);
        Statement statement = connection.createStatement()) {
      statement.execute("VACUUM INTO '" + vacuumed.toAbsolutePath() + "'");
    }
    report("SIZE_VACUUMED", vacuumed, executions, stepsEach);
    Path dictionary = dir.resolve("size-dictionary.db");
    DictionaryLayout.copy(file, dictionary);
    report("SIZE_DICTIONARY", dictionary, executions, stepsEach, "step_data");
    DictionaryLayout.compareReads(file, dictionary, 7);
    Stores.delete(file);
    Stores.delete(vacuumed);
    Stores.delete(dictionary);
  }

  /** What the agent would write for these executions, batch by batch, through SqliteStore. */
  static void write(Path file, int executions, int stepsEach) throws Exception {
    AgentHealth health = new AgentHealth();
    Rows rows = new Rows();
    Random random = new Random(7);
    SqliteStore store = SqliteStore.open(file, "bench-host", health);
    try {
      List<Event> batch = new ArrayList<>();
      long clock = 1_790_000_000_000L;
      for (int e = 0; e < executions; e++) {
        String executionId = rows.nextExecutionId();
        String workflowId = Rows.workflowId(e);
        long startedAt = clock;
        batch.add(new ExecutionStarted(executionId, workflowId, null, startedAt, stepsEach));
        double total = 0;
        for (int s = 0; s < stepsEach; s++) {
          // Lognormal step durations around 300 ms, with the fractions a nanosecond clock gives.
          double duration =
              Math.exp(5.7 + 0.6 * random.nextGaussian()) + random.nextInt(1000) / 1e6;
          batch.add(
              new StepRecord(
                  executionId,
                  workflowId,
                  Rows.nodeId(s),
                  Rows.action(s),
                  s + 1,
                  clock,
                  duration,
                  StepRecord.SUCCESS,
                  null,
                  null,
                  false));
          clock += (long) duration;
          total += duration;
        }
        batch.add(
            new ExecutionFinished(
                executionId,
                workflowId,
                clock,
                total,
                ExecutionFinished.SUCCESS,
                stepsEach,
                0,
                0,
                stepsEach,
                null,
                null));
        if (batch.size() >= 1000) {
          store.accept(batch);
          batch.clear();
        }
      }
      store.accept(batch);
    } finally {
      store.close();
    }
  }

  static void report(String label, Path file, int executions, int stepsEach) throws Exception {
    report(label, file, executions, stepsEach, "steps");
  }

  /** As above, counting {@code stepTableName} and its indexes as the step rows' share. */
  static void report(String label, Path file, int executions, int stepsEach, String stepTableName)
      throws Exception {
    long fileBytes = Files.size(file);
    Map<String, long[]> objects = new LinkedHashMap<>();
    try (Connection connection = Stores.open(file);
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT d.name, coalesce(m.tbl_name, d.name), sum(d.pgsize), sum(d.payload),"
                    + " sum(d.unused) FROM dbstat d LEFT JOIN sqlite_master m ON m.name = d.name"
                    + " GROUP BY d.name ORDER BY sum(d.pgsize) DESC")) {
      while (rs.next()) {
        objects.put(
            rs.getString(1)
                + (rs.getString(1).equals(rs.getString(2)) ? "" : "[" + rs.getString(2) + "]"),
            new long[] {rs.getLong(3), rs.getLong(4), rs.getLong(5)});
      }
    }
    double thousands = executions / 1000.0;
    long stepRows = (long) executions * stepsEach;
    long stepTable = 0;
    long stepAll = 0;
    for (Map.Entry<String, long[]> e : objects.entrySet()) {
      if (e.getKey().equals(stepTableName)) {
        stepTable += e.getValue()[0];
      }
      if (e.getKey().equals(stepTableName) || e.getKey().endsWith("[" + stepTableName + "]")) {
        stepAll += e.getValue()[0];
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%s file_bytes=%d executions=%d steps_each=%d per_1000_executions=%.0f"
            + " step_row_bytes=%.1f step_row_with_indexes_bytes=%.1f%n",
        label,
        fileBytes,
        executions,
        stepsEach,
        fileBytes / thousands,
        (double) stepTable / stepRows,
        (double) stepAll / stepRows);
    for (Map.Entry<String, long[]> e : objects.entrySet()) {
      long[] v = e.getValue();
      System.out.printf(
          Locale.ROOT,
          "%s object=%s bytes=%d per_1000_executions=%.0f fill_pct=%.0f%n",
          label,
          e.getKey(),
          v[0],
          v[0] / thousands,
          v[0] == 0 ? 0.0 : 100.0 * (v[0] - v[2]) / v[0]);
    }
  }
}
