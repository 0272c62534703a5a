package io.rpainsights.bench.probe;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bare-insert ceiling of the ingest target: the fastest plain JDBC way found to put the
 * workload's rows (an {@code executions} row per 100 {@code steps} rows, the agent's values) into
 * the documented tables and indexes, one transaction per batch. Variants: batched single-row
 * prepared statements ({@code executeBatch}) and multi-row {@code INSERT ... VALUES (...),(...)},
 * at 1,000 and 8,000 rows per transaction, with text bound as strings or (suffix {@code -bytes}) as
 * UTF-8 arrays encoded once per distinct value and cast back to TEXT in the statement, the trick
 * the agent's store uses, so that the ceiling has every technique the agent has; each runs {@code
 * --seconds} on a fresh file, variants alternate for {@code --rounds} rounds, and the medians are
 * printed, then the best.
 *
 * <p>Output lines: {@code CEILING variant=NAME rows_per_s=...} per variant and {@code CEILING
 * best=NAME rows_per_s=...}. With {@code --only NAME} it runs that variant alone (the long run
 * beside the agent's 60-second ingest).
 */
public final class CeilingProbe {

  static final String STEP_INSERT =
      "INSERT INTO steps(execution_id, workflow_id, node_id, action_type, step_number,"
          + " started_at, duration_ms, status, error_type, error_message) VALUES ";
  static final String STEP_ROW = "(?,?,?,?,?,?,?,?,?,?)";
  static final String STEP_ROW_CAST_TEXT =
      "(CAST(? AS TEXT),CAST(? AS TEXT),CAST(? AS TEXT),CAST(? AS TEXT),?,?,?,CAST(? AS TEXT),?,?)";
  static final String EXECUTION_INSERT =
      "INSERT INTO executions(execution_id, workflow_id, parent_execution_id, host, started_at,"
          + " completed_at, duration_ms, status, steps_total, steps_completed, steps_failed,"
          + " steps_recovered, error_type, error_message)"
          + " VALUES (?,?,NULL,?,?,?,?,'success',?,?,0,0,NULL,NULL)";

  static final int STEPS_PER_EXECUTION = 100;

  /**
   * A way of inserting: rows per transaction, rows per statement (1 = executeBatch), and whether
   * text is bound as cached UTF-8 bytes.
   */
  static final class Variant {
    final String name;
    final int batch;
    final int perStatement;
    final boolean textAsBytes;

    Variant(int batch, int perStatement, boolean textAsBytes) {
      this.batch = batch;
      this.perStatement = perStatement;
      this.textAsBytes = textAsBytes;
      this.name =
          "tx"
              + batch
              + (perStatement == 1 ? "-executeBatch" : "-multirow" + perStatement)
              + (textAsBytes ? "-bytes" : "");
    }

    String row() {
      return textAsBytes ? STEP_ROW_CAST_TEXT : STEP_ROW;
    }
  }

  static final List<Variant> VARIANTS =
      List.of(
          new Variant(1000, 1, false),
          new Variant(1000, 10, false),
          new Variant(8000, 1, false),
          new Variant(8000, 10, false),
          new Variant(8000, 25, false),
          new Variant(8000, 1, true),
          new Variant(8000, 10, true),
          new Variant(8000, 25, true));

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Step rows per CPU-second of the writing thread in the last run (steadier on a busy box). */
  static double lastCpuRate;

  private CeilingProbe() {}

  public static void main(String[] args) throws Exception {
    Args options;
    try {
      options = Args.parse(args, "--seconds", "--rounds", "--dir", "--only");
    } catch (IllegalArgumentException e) {
      System.err.println("ceiling: " + e.getMessage());
      System.exit(2);
      return;
    }
    double seconds = options.number("--seconds", 3);
    int rounds = options.integer("--rounds", 3);
    Path dir = Paths.get(options.text("--dir", System.getProperty("java.io.tmpdir")));
    Files.createDirectories(dir);
    List<Variant> variants = new ArrayList<>();
    String only = options.text("--only", null);
    for (Variant v : VARIANTS) {
      if (only == null || v.name.equals(only)) {
        variants.add(v);
      }
    }
    if (variants.isEmpty()) {
      System.err.println("ceiling: no variant named " + only);
      System.exit(2);
      return;
    }
    Map<String, List<Double>> rates = new LinkedHashMap<>();
    Map<String, List<Double>> cpuRates = new LinkedHashMap<>();
    Path file = dir.resolve("ceiling.db");
    for (int round = 0; round < rounds; round++) {
      for (Variant v : variants) {
        double rate = run(file, v, seconds);
        rates.computeIfAbsent(v.name, k -> new ArrayList<>()).add(rate);
        cpuRates.computeIfAbsent(v.name, k -> new ArrayList<>()).add(lastCpuRate);
      }
    }
    Stores.delete(file);
    String best = null;
    double bestRate = -1;
    for (Map.Entry<String, List<Double>> e : rates.entrySet()) {
      double median = median(e.getValue());
      System.out.printf(
          Locale.ROOT,
          "CEILING variant=%s rows_per_s=%.0f rows_per_cpu_s=%.0f runs=%s%n",
          e.getKey(),
          median,
          median(cpuRates.get(e.getKey())),
          e.getValue());
      if (median > bestRate) {
        bestRate = median;
        best = e.getKey();
      }
    }
    System.out.printf(Locale.ROOT, "CEILING best=%s rows_per_s=%.0f%n", best, bestRate);
  }

  /** Step rows per second of wall time for one variant on a fresh file. */
  static double run(Path file, Variant variant, double seconds) throws Exception {
    Rows rows = new Rows();
    long steps = 0;
    long started;
    long elapsed;
    try (Connection connection = Stores.fresh(file);
        PreparedStatement single = connection.prepareStatement(STEP_INSERT + variant.row());
        PreparedStatement multi =
            connection.prepareStatement(
                STEP_INSERT
                    + String.join(",", Collections.nCopies(variant.perStatement, variant.row())));
        PreparedStatement execution = connection.prepareStatement(EXECUTION_INSERT)) {
      long now = System.currentTimeMillis();
      long execution0 = 0;
      String executionId = rows.nextExecutionId();
      started = System.nanoTime();
      long cpuStarted = THREADS.getCurrentThreadCpuTime();
      long deadline = started + (long) (seconds * 1e9);
      StepRow[] batch = new StepRow[variant.batch];
      Binder binder = new Binder(variant.textAsBytes);
      do {
        for (int i = 0; i < batch.length; i++) {
          int node = (int) (steps % STEPS_PER_EXECUTION);
          if (node == 0 && steps > 0) {
            execution.setString(1, executionId);
            execution.setString(2, Rows.workflowId(execution0));
            execution.setString(3, "bench-host");
            execution.setLong(4, now);
            execution.setLong(5, now + 1);
            execution.setDouble(6, 0.731);
            execution.setInt(7, STEPS_PER_EXECUTION);
            execution.setInt(8, STEPS_PER_EXECUTION);
            execution.addBatch();
            execution0++;
            executionId = rows.nextExecutionId();
            now = System.currentTimeMillis();
          }
          batch[i] = new StepRow(executionId, Rows.workflowId(execution0), node, now);
          steps++;
        }
        insert(variant, batch, binder, single, multi);
        binder.endOfBatch();
        execution.executeBatch();
        connection.commit();
      } while (System.nanoTime() < deadline);
      elapsed = System.nanoTime() - started;
      lastCpuRate = steps / ((THREADS.getCurrentThreadCpuTime() - cpuStarted) / 1e9);
    } finally {
      Stores.delete(file);
    }
    return steps / (elapsed / 1e9);
  }

  private static void insert(
      Variant variant,
      StepRow[] batch,
      Binder binder,
      PreparedStatement single,
      PreparedStatement multi)
      throws SQLException {
    int i = 0;
    if (variant.perStatement > 1) {
      for (; i + variant.perStatement <= batch.length; i += variant.perStatement) {
        int p = 1;
        for (int r = 0; r < variant.perStatement; r++) {
          p = batch[i + r].bind(multi, p, binder);
        }
        multi.executeUpdate();
      }
    }
    if (i < batch.length) {
      for (; i < batch.length; i++) {
        batch[i].bind(single, 1, binder);
        single.addBatch();
      }
      single.executeBatch();
    }
  }

  /** One step row's values, built before the timed insert like the agent's events are. */
  static final class StepRow {
    final String executionId;
    final String workflowId;
    final int node;
    final long startedAt;

    StepRow(String executionId, String workflowId, int node, long startedAt) {
      this.executionId = executionId;
      this.workflowId = workflowId;
      this.node = node;
      this.startedAt = startedAt;
    }

    int bind(PreparedStatement ps, int first, Binder binder) throws SQLException {
      int p = first;
      binder.bindId(ps, p++, executionId);
      binder.bindName(ps, p++, workflowId);
      binder.bindName(ps, p++, Rows.nodeId(node));
      binder.bindName(ps, p++, Rows.action(node));
      binder.bindInt(ps, p++, node + 1);
      binder.bindLong(ps, p++, startedAt);
      ps.setDouble(p++, 0.000731 + node * 1e-7);
      binder.bindName(ps, p++, "success");
      ps.setNull(p++, java.sql.Types.VARCHAR);
      ps.setNull(p++, java.sql.Types.VARCHAR);
      return p;
    }
  }

  /**
   * Binds parameters plainly, or cached: text as its UTF-8 bytes encoded once per distinct value
   * (names for the whole run, execution ids for one transaction) for a {@code CAST(? AS TEXT)}
   * parameter, integers as boxes reused while the value repeats (the lookup itself boxes nothing).
   */
  static final class Binder {
    private final Map<String, byte[]> names;
    private final Map<String, byte[]> ids;
    private final boolean cachedNumbers;
    private Long lastLong; // the rows of one execution share their start time
    private final Integer[] ints = new Integer[1024];

    Binder(boolean cached) {
      this.names = cached ? new HashMap<>() : null;
      this.ids = cached ? new HashMap<>() : null;
      this.cachedNumbers = cached;
    }

    void bindInt(PreparedStatement ps, int parameter, int value) throws SQLException {
      if (!cachedNumbers || value < 0 || value >= ints.length) {
        ps.setInt(parameter, value);
        return;
      }
      if (ints[value] == null) {
        ints[value] = value;
      }
      ps.setObject(parameter, ints[value]);
    }

    void bindLong(PreparedStatement ps, int parameter, long value) throws SQLException {
      if (!cachedNumbers) {
        ps.setLong(parameter, value);
        return;
      }
      if (lastLong == null || lastLong.longValue() != value) {
        lastLong = value;
      }
      ps.setObject(parameter, lastLong);
    }

    void bindName(PreparedStatement ps, int parameter, String value) throws SQLException {
      bind(ps, parameter, value, names);
    }

    void bindId(PreparedStatement ps, int parameter, String value) throws SQLException {
      bind(ps, parameter, value, ids);
    }

    void endOfBatch() {
      if (ids != null) {
        ids.clear();
      }
    }

    private static void bind(
        PreparedStatement ps, int parameter, String value, Map<String, byte[]> encoded)
        throws SQLException {
      if (encoded == null) {
        ps.setString(parameter, value);
      } else {
        ps.setBytes(
            parameter, encoded.computeIfAbsent(value, v -> v.getBytes(StandardCharsets.UTF_8)));
      }
    }
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
