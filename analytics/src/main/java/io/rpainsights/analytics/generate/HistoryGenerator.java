package io.rpainsights.analytics.generate;

import io.rpainsights.analytics.generate.WorkflowModel.NodeModel;
import io.rpainsights.analytics.store.InvalidInputException;
import io.rpainsights.analytics.store.Store;
import io.rpainsights.schema.StoreSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.sqlite.SQLiteErrorCode;

/**
 * Writes a synthetic history into a new store: executions of several workflows with lognormal step
 * latencies, failures and self-healing attempts (some strategies work, one rarely does), a 3×
 * degradation of one step near the end, rare latency spikes (some during CPU saturation), CPU-bound
 * steps that follow the host's daily load, resource samples and a few executions still running.
 *
 * <p>Every row is marked synthetic — {@code host = 'synthetic'}, execution ids prefixed {@code
 * syn-} — and the table {@code analytics_meta} records {@code synthetic = true} with the
 * parameters, so the rows are never mistaken for captured data. The same config writes the same
 * rows. Rows go in with batched prepared statements, one transaction per batch, {@code synchronous
 * = OFF} and an in-memory journal (the file is new: a crash loses only the file being made); the
 * store is switched to WAL at the end, as the agent leaves it.
 */
public final class HistoryGenerator {
  /** The {@code host} of every synthetic row. */
  public static final String HOST = "synthetic";

  /** The prefix of every synthetic execution id. */
  public static final String ID_PREFIX = "syn-";

  private static final long DAY_MS = 86_400_000L;
  private static final int EXECUTIONS_PER_TRANSACTION = 20_000;

  // A JDBC batch holds every row's parameters until it runs: resource samples, one a minute over
  // the whole span, run in chunks of this size so that memory does not grow with the span.
  private static final int RESOURCES_PER_BATCH = 10_000;

  /** The {@code analytics_meta} key by which a run marks the store it is writing as its own. */
  private static final String CLAIM_KEY = "synthetic.run";

  /** Receives progress: executions written so far of the total. */
  @FunctionalInterface
  public interface Progress {
    void update(long done, long total);
  }

  /**
   * Writes the history into {@code db}, which must not exist yet or be an empty file or a store
   * whose documented tables are empty. When {@code db} did not exist, a run that fails removes the
   * file it made, so that the next run does not find a half-made store.
   *
   * @throws InvalidInputException when {@code db} already holds rows in a documented table or is
   *     not SQLite
   */
  public GenerationSummary generate(Path db, GeneratorConfig config, Progress progress) {
    long t0 = System.nanoTime();
    try {
      Path parent = db.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new InvalidInputException("cannot create the folder of " + db + ": " + e.getMessage());
    }
    boolean made = Files.notExists(db);
    String claim = UUID.randomUUID().toString();
    try {
      return write(db, config, progress, t0, claim);
    } catch (RuntimeException | Error e) {
      // Only a file this run created and claimed: never one a concurrent run is writing.
      if (made && isClaimedBy(db, claim)) {
        removeMade(db, e);
      }
      throw e;
    }
  }

  /** Whether {@code db} carries this run's claim (false when it cannot be read). */
  private static boolean isClaimedBy(Path db, String claim) {
    if (!Files.isRegularFile(db)) {
      return false;
    }
    try (Connection c = Store.openReadWrite(db)) {
      return claim.equals(metaValue(c, Set.of("analytics_meta"), CLAIM_KEY));
    } catch (SQLException | RuntimeException unreadable) {
      return false;
    }
  }

  /** Deletes the store this run made and its journal files; a failure to do so rides along. */
  private static void removeMade(Path db, Throwable failure) {
    for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
      try {
        Files.deleteIfExists(Path.of(db + suffix));
      } catch (IOException | RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
  }

  private GenerationSummary write(
      Path db, GeneratorConfig config, Progress progress, long t0, String claim) {
    try (Connection c = Store.openWriter(db)) {
      claimEmptyStore(c, db, claim);
      try (Statement st = c.createStatement()) {
        st.execute("PRAGMA synchronous = OFF");
        st.execute("PRAGMA journal_mode = MEMORY");
      }
      StoreSchema.createOrMigrate(c);
      Run run = new Run(c, config, progress);
      GenerationSummary summary = run.write(t0);
      try (Statement st = c.createStatement()) {
        st.execute("PRAGMA journal_mode = WAL");
      }
      return summary;
    } catch (SQLException e) {
      throw new InvalidInputException("cannot write " + db + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks that the store is empty and claims it for this run in one write transaction, so that of
   * two runs started on the same new file one writes and the other is refused (and never deletes
   * the first one's work when it fails).
   */
  private static void claimEmptyStore(Connection c, Path db, String claim) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("BEGIN IMMEDIATE");
    } catch (SQLException e) {
      if (e.getErrorCode() == SQLiteErrorCode.SQLITE_BUSY.code) {
        throw new InvalidInputException(
            "refusing to write into " + db + ": another process has been writing it for too long",
            e);
      }
      throw new InvalidInputException(db + " is not an SQLite database: " + e.getMessage(), e);
    }
    try {
      refuseNonEmpty(c, db);
      try (Statement st = c.createStatement()) {
        st.execute(
            "CREATE TABLE IF NOT EXISTS analytics_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      }
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO analytics_meta(key, value) VALUES (?, ?)")) {
        ps.setString(1, CLAIM_KEY);
        ps.setString(2, claim);
        ps.executeUpdate();
      }
      try (Statement st = c.createStatement()) {
        st.execute("COMMIT");
      }
    } catch (SQLException | RuntimeException e) {
      try (Statement st = c.createStatement()) {
        st.execute("ROLLBACK");
      } catch (SQLException alreadyEnded) {
        e.addSuppressed(alreadyEnded);
      }
      throw e;
    }
  }

  /**
   * Refuses a store with a row in any documented table: the whole store is then flagged synthetic,
   * so real rows — resource samples or timers of a bot that recorded no execution yet — would be
   * taken for synthetic ones.
   */
  private static void refuseNonEmpty(Connection c, Path db) throws SQLException {
    Set<String> tables = new HashSet<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new InvalidInputException(db + " is not an SQLite database: " + e.getMessage(), e);
    }
    List<String> held = new ArrayList<>();
    try (Statement st = c.createStatement()) {
      for (String table : StoreSchema.DOCUMENTED_TABLES) {
        if (tables.contains(table)) {
          try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            long n = rs.next() ? rs.getLong(1) : 0;
            if (n > 0) {
              held.add(n + " " + table);
            }
          }
        }
      }
    }
    if (held.isEmpty()) {
      if (metaValue(c, tables, CLAIM_KEY) != null) {
        throw new InvalidInputException(
            "refusing to write into "
                + db
                + ": another generate is writing it, or one was interrupted (delete "
                + db
                + " and run again, or choose another --db)");
      }
      return;
    }
    String holds =
        "refusing to add synthetic rows to " + db + ": it already holds " + String.join(", ", held);
    if ("true".equals(metaValue(c, tables, "synthetic"))) {
      throw new InvalidInputException(
          holds
              + " of a synthetic history (generate writes a new store: to write it again, delete "
              + db
              + " first, or choose another --db)");
    }
    throw new InvalidInputException(holds + " (generate writes a new store: choose another --db)");
  }

  /** The value of {@code key} in {@code analytics_meta}, or null (also when there is no table). */
  private static String metaValue(Connection c, Set<String> tables, String key)
      throws SQLException {
    if (!tables.contains("analytics_meta")) {
      return null;
    }
    try (PreparedStatement ps =
        c.prepareStatement("SELECT value FROM analytics_meta WHERE key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** One generation: the models, the random stream and the open statements. */
  private static final class Run {
    private final Connection c;
    private final GeneratorConfig config;
    private final Progress progress;
    private final SplittableRandom random;
    private final List<WorkflowModel> workflows;
    private final double[] cumulativeWeights;
    private final long endMs;
    private final long beginMs;
    private final long degradationStartMs;
    private final Set<String> spiked = new HashSet<>();
    private final ArrayDeque<long[]> saturation = new ArrayDeque<>();
    private final long resourceStepMs;
    private long nextResourceTs;
    private long stepRows;
    private long recoveryRows;
    private long resourceRows;
    private int pendingResources;
    private PreparedStatement insertExecution;
    private PreparedStatement insertStep;
    private PreparedStatement insertRecovery;
    private PreparedStatement insertResource;

    Run(Connection c, GeneratorConfig config, Progress progress) {
      this.c = c;
      this.config = config;
      this.progress = progress;
      this.random = new SplittableRandom(config.seed());
      this.workflows = Catalog.workflows(config.workflows(), config.seed());
      this.cumulativeWeights = new double[workflows.size()];
      double sum = 0;
      for (int i = 0; i < workflows.size(); i++) {
        sum += workflows.get(i).weight();
        cumulativeWeights[i] = sum;
      }
      for (int i = 0; i < cumulativeWeights.length; i++) {
        cumulativeWeights[i] /= sum;
      }
      this.endMs = config.end().toEpochMilli();
      this.beginMs = endMs - config.span().toMillis();
      long degradationLength = Math.min(2 * DAY_MS, config.span().toMillis() / 4);
      this.degradationStartMs = config.degradation() ? endMs - degradationLength : Long.MAX_VALUE;
      this.resourceStepMs = Math.max(1000, config.resourceInterval().toMillis());
      this.nextResourceTs = beginMs;
    }

    GenerationSummary write(long t0) throws SQLException {
      c.setAutoCommit(false);
      writeMeta();
      insertExecution =
          c.prepareStatement(
              "INSERT INTO executions(execution_id, workflow_id, parent_execution_id, host,"
                  + " started_at, completed_at, duration_ms, status, steps_total, steps_completed,"
                  + " steps_failed, steps_recovered, error_type, error_message)"
                  + " VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      insertStep =
          c.prepareStatement(
              "INSERT INTO steps(execution_id, workflow_id, node_id, action_type, step_number,"
                  + " started_at, duration_ms, status, error_type, error_message)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      insertRecovery =
          c.prepareStatement(
              "INSERT INTO recoveries(execution_id, workflow_id, node_id, strategy, success,"
                  + " started_at, duration_ms, error_message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
      insertResource =
          c.prepareStatement(
              "INSERT INTO resources(ts, host, process_cpu_pct, system_cpu_pct,"
                  + " process_rss_bytes, heap_used_bytes, system_mem_used_bytes, disk_read_bytes,"
                  + " disk_write_bytes, gpu_util_pct, gpu_mem_used_bytes, running_executions)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)");
      long n = config.executions();
      double slot = (double) config.span().toMillis() / n;
      for (long i = 0; i < n; i++) {
        long start = beginMs + (long) ((i + random.nextDouble()) * slot);
        writeExecution(ID_PREFIX + pad(i), pickWorkflow(), Math.min(start, endMs - 1), false);
        writeResourcesUntil(start - 5 * 60_000L);
        if ((i + 1) % EXECUTIONS_PER_TRANSACTION == 0) {
          flush();
          if (progress != null && i + 1 < n) {
            progress.update(i + 1, n);
          }
        }
      }
      for (int r = 0; r < config.running(); r++) {
        WorkflowModel w = workflows.get(r % workflows.size());
        double typical = w.nodes().stream().mapToDouble(NodeModel::medianMs).sum();
        long start = endMs - (long) (typical * (0.35 + 0.2 * r)) - 1;
        writeExecution(ID_PREFIX + "live-" + (r + 1), w, start, true);
      }
      writeResourcesUntil(endMs + 1);
      flush();
      if (progress != null) {
        progress.update(n, n);
      }
      insertExecution.close();
      insertStep.close();
      insertRecovery.close();
      insertResource.close();
      c.setAutoCommit(true);
      WorkflowModel degraded = workflows.get(0);
      return new GenerationSummary(
          n,
          stepRows,
          recoveryRows,
          resourceRows,
          config.running(),
          Collections.unmodifiableSet(spiked),
          config.degradation() ? degraded.workflowId() : null,
          config.degradation() ? degraded.nodes().get(2).nodeId() : null,
          config.degradation() ? Instant.ofEpochMilli(degradationStartMs) : null,
          (System.nanoTime() - t0) / 1_000_000);
    }

    private void writeMeta() throws SQLException {
      try (Statement st = c.createStatement()) {
        st.execute(
            "CREATE TABLE IF NOT EXISTS analytics_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      }
      try (PreparedStatement ps =
          c.prepareStatement("INSERT OR REPLACE INTO analytics_meta(key, value) VALUES (?, ?)")) {
        String[][] meta = {
          {"synthetic", "true"},
          {"generator", "rpa-insights generate"},
          {"synthetic.host", HOST},
          {"synthetic.executionIdPrefix", ID_PREFIX},
          {"synthetic.seed", Long.toString(config.seed())},
          {"synthetic.executions", Long.toString(config.executions())},
          {"synthetic.workflows", Integer.toString(config.workflows())},
          {"synthetic.spanMs", Long.toString(config.span().toMillis())},
          {"synthetic.end", config.end().toString()}
        };
        for (String[] kv : meta) {
          ps.setString(1, kv[0]);
          ps.setString(2, kv[1]);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      c.commit();
    }

    private WorkflowModel pickWorkflow() {
      double u = random.nextDouble();
      for (int i = 0; i < cumulativeWeights.length; i++) {
        if (u < cumulativeWeights[i]) {
          return workflows.get(i);
        }
      }
      return workflows.get(workflows.size() - 1);
    }

    private void writeExecution(String id, WorkflowModel w, long start, boolean live)
        throws SQLException {
      List<NodeModel> nodes = w.nodes();
      boolean spike = !live && random.nextDouble() < config.spikeRate();
      int spikeAt = spike ? random.nextInt(nodes.size()) : -1;
      double spikeFactor = 8 + random.nextDouble() * 12;
      if (spike) {
        spiked.add(id);
        if (random.nextInt(3) == 0) {
          saturation.add(new long[] {start - 30_000, start + 120_000});
        }
      }
      long t = start + 5 + random.nextInt(20);
      int completed = 0;
      int failed = 0;
      int recovered = 0;
      String status = "success";
      String errorType = null;
      String errorMessage = null;
      for (int k = 0; k < nodes.size(); k++) {
        NodeModel node = nodes.get(k);
        double ms = node.medianMs() * Math.exp(node.sigma() * random.nextGaussian());
        if (node.cpuBound()) {
          ms *= 0.6 + baseCpu(t) / 50.0;
        }
        if (w == workflows.get(0) && k == 2 && t >= degradationStartMs) {
          ms *= 3;
        }
        if (k == spikeAt) {
          ms *= spikeFactor;
        }
        ms = Math.round(ms * 1000) / 1000.0;
        boolean fails = random.nextDouble() < node.failureRate();
        if (live && t + ms > endMs) {
          break; // still in progress at the end of the history
        }
        long stepStart = t;
        String stepStatus = "success";
        String stepError = null;
        if (fails) {
          stepError = node.errorType();
          boolean saved = false;
          long rt = stepStart + (long) ms + 1;
          for (String strategy : node.strategies()) {
            double rms = 150 + 400 * random.nextDouble();
            saved = random.nextDouble() < Catalog.STRATEGY_SUCCESS.getOrDefault(strategy, 0.5);
            insertRecovery.setString(1, id);
            insertRecovery.setString(2, w.workflowId());
            insertRecovery.setString(3, node.nodeId());
            insertRecovery.setString(4, strategy);
            insertRecovery.setInt(5, saved ? 1 : 0);
            insertRecovery.setLong(6, rt);
            insertRecovery.setDouble(7, Math.round(rms * 1000) / 1000.0);
            insertRecovery.setString(8, saved ? null : node.errorType() + " persisted");
            insertRecovery.addBatch();
            recoveryRows++;
            rt += (long) rms;
            if (saved) {
              break;
            }
          }
          stepStatus = saved ? "recovered" : "failed";
          t = rt;
        } else {
          t = stepStart + (long) ms;
        }
        insertStep.setString(1, id);
        insertStep.setString(2, w.workflowId());
        insertStep.setString(3, node.nodeId());
        insertStep.setString(4, node.actionType());
        insertStep.setInt(5, k + 1);
        insertStep.setLong(6, stepStart);
        insertStep.setDouble(7, ms);
        insertStep.setString(8, stepStatus);
        insertStep.setString(9, stepError);
        insertStep.setString(10, stepError == null ? null : stepError + " in " + node.nodeId());
        insertStep.addBatch();
        stepRows++;
        t += 2 + random.nextInt(25);
        if ("failed".equals(stepStatus)) {
          failed++;
          boolean timeout = random.nextInt(5) == 0;
          status = timeout ? "timeout" : "failed";
          errorType = timeout ? "TimeoutException" : node.errorType();
          errorMessage =
              timeout
                  ? "execution timed out in " + node.nodeId()
                  : node.errorType() + " in " + node.nodeId();
          break;
        }
        completed++;
        if ("recovered".equals(stepStatus)) {
          recovered++;
        }
      }
      insertExecution.setString(1, id);
      insertExecution.setString(2, w.workflowId());
      insertExecution.setString(3, HOST);
      insertExecution.setLong(4, start);
      if (live) {
        insertExecution.setNull(5, Types.INTEGER);
        insertExecution.setNull(6, Types.REAL);
        insertExecution.setString(7, "running");
      } else {
        insertExecution.setLong(5, t);
        insertExecution.setDouble(6, t - start);
        insertExecution.setString(7, status);
      }
      insertExecution.setInt(8, nodes.size());
      insertExecution.setInt(9, completed);
      insertExecution.setInt(10, failed);
      insertExecution.setInt(11, recovered);
      insertExecution.setString(12, live ? null : errorType);
      insertExecution.setString(13, live ? null : errorMessage);
      insertExecution.addBatch();
    }

    /** The host's CPU load without saturation episodes: a daily wave with a little noise. */
    private double baseCpu(long t) {
      double phase = 2 * Math.PI * Math.floorMod(t, DAY_MS) / DAY_MS;
      return 26 - 14 * Math.cos(phase);
    }

    private boolean saturated(long ts) {
      while (!saturation.isEmpty() && saturation.peekFirst()[1] < ts - 10 * 60_000L) {
        saturation.pollFirst();
      }
      for (long[] episode : saturation) {
        if (ts >= episode[0] && ts < episode[1]) {
          return true;
        }
      }
      return false;
    }

    private void writeResourcesUntil(long limit) throws SQLException {
      while (nextResourceTs < limit && nextResourceTs <= endMs) {
        long ts = nextResourceTs;
        double cpu =
            saturated(ts)
                ? 95 + 4.5 * random.nextDouble()
                : Math.max(1, baseCpu(ts) + 4 * random.nextGaussian());
        insertResource.setLong(1, ts);
        insertResource.setString(2, HOST);
        insertResource.setDouble(3, Math.round(cpu * 0.55 * 10) / 10.0);
        insertResource.setDouble(4, Math.round(cpu * 10) / 10.0);
        insertResource.setLong(5, 420_000_000L + (long) (random.nextGaussian() * 15_000_000));
        insertResource.setLong(6, 180_000_000L + (long) (random.nextDouble() * 90_000_000));
        insertResource.setLong(7, 6_200_000_000L + (long) (random.nextGaussian() * 200_000_000));
        insertResource.setLong(8, 0);
        insertResource.setLong(9, 0);
        insertResource.setInt(10, 1 + random.nextInt(3));
        insertResource.addBatch();
        resourceRows++;
        if (++pendingResources == RESOURCES_PER_BATCH) {
          insertResource.executeBatch();
          pendingResources = 0;
        }
        nextResourceTs += resourceStepMs;
      }
    }

    private void flush() throws SQLException {
      insertExecution.executeBatch();
      insertStep.executeBatch();
      insertRecovery.executeBatch();
      insertResource.executeBatch();
      pendingResources = 0;
      c.commit();
    }

    private static String pad(long i) {
      String s = Long.toString(i);
      return s.length() >= 7 ? s : "0000000".substring(s.length()) + s;
    }
  }
}
