package io.rpainsights.agent.store;

import io.rpainsights.agent.collect.AgentHealth;
import io.rpainsights.agent.collect.EventSink;
import io.rpainsights.agent.event.Event;
import io.rpainsights.agent.event.ExecutionFinished;
import io.rpainsights.agent.event.ExecutionStarted;
import io.rpainsights.agent.event.RecoveryRecord;
import io.rpainsights.agent.event.ResourceSample;
import io.rpainsights.agent.event.StepRecord;
import io.rpainsights.agent.event.TimerRecord;
import io.rpainsights.agent.log.AgentLog;
import io.rpainsights.schema.StoreSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The agent's SQLite store: writes each batch of events into the documented tables (DESIGN.md,
 * "Database schema") in one transaction, over one writer connection in WAL mode so that readers
 * (analytics, Grafana, {@code sqlite3}) read while it writes.
 *
 * <p>Within a batch, execution starts are written first (as {@code running}), then step, recovery,
 * timer and resource rows, then execution finishes, then the counters of steps that ended after
 * their execution: so a start and its finish may share a batch in either order of arrival, and a
 * finish whose start never reached this file still makes a complete row. Executions are upserts,
 * because the queue lets a lifecycle event from its overflow overtake earlier events.
 *
 * <p>Thread-safe: every method holds the store's monitor, so {@link #writeHealth} and {@link
 * #pruneOlderThan} may run on a scheduler thread while {@link #accept} runs on the flusher thread.
 * Pruning takes the monitor one chunk at a time, so batches interleave with it.
 */
public final class SqliteStore implements EventSink {

  /** How long a write waits for another writer (another agent, analytics' archive) to finish. */
  static final int BUSY_TIMEOUT_MS = 5000;

  /**
   * Step rows per multi-row INSERT. Measured with IngestProbe on the build machine: 10 rows per
   * statement wrote ~245k rows per CPU-second, single-row executeBatch ~205-225k, and 50 rows per
   * statement only ~190k (SQLite's multi-row VALUES loses its edge as the statement grows).
   */
  static final int STEP_ROWS_PER_STATEMENT = 10;

  /** Distinct names (workflow, node, action, status) whose UTF-8 bytes the store keeps. */
  static final int NAME_CACHE_CAPACITY = 4096;

  /** Rows deleted per retention transaction, so the writer lock is never held for long. */
  static final int PRUNE_CHUNK = 5000;

  private static final byte[] SQLITE_HEADER =
      "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  private static final String STEP_COLUMNS =
      "INSERT INTO steps(execution_id, workflow_id, node_id, action_type, step_number, started_at,"
          + " duration_ms, status, error_type, error_message) VALUES ";
  // The four names and the status are bound as cached UTF-8 bytes and cast back to TEXT (Utf8Cache
  // says why); a bound String passes through the cast unchanged.
  private static final String STEP_ROW =
      "(CAST(? AS TEXT),CAST(? AS TEXT),CAST(? AS TEXT),CAST(? AS TEXT),?,?,?,CAST(? AS TEXT),?,?)";
  private static final int STEP_PARAMS = 10;

  private static final String INSERT_START =
      "INSERT INTO executions(execution_id, workflow_id, parent_execution_id, host, started_at,"
          + " status, steps_total) VALUES (?,?,?,?,?,'running',?)"
          // A finish that overtook its start (queue overflow) already made the row: keep its
          // outcome, take the start's exact time and what only the start knows.
          + " ON CONFLICT(execution_id) DO UPDATE SET started_at = excluded.started_at,"
          + " parent_execution_id = coalesce(executions.parent_execution_id,"
          + " excluded.parent_execution_id),"
          + " steps_total = coalesce(executions.steps_total, excluded.steps_total)";

  private static final String UPSERT_FINISH =
      "INSERT INTO executions(execution_id, workflow_id, host, started_at, completed_at,"
          + " duration_ms, status, steps_total, steps_completed, steps_failed, steps_recovered,"
          + " error_type, error_message) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
          + " ON CONFLICT(execution_id) DO UPDATE SET completed_at = excluded.completed_at,"
          + " duration_ms = excluded.duration_ms, status = excluded.status,"
          + " steps_total = coalesce(excluded.steps_total, executions.steps_total),"
          // A running row's counters hold only late steps that overtook this finish into an
          // earlier batch (a worker's step counted as late just after the execution's end, queued
          // before the finish event): add them to the finish's own counts.
          + " steps_completed = excluded.steps_completed + "
          + lateCount("steps_completed")
          + ","
          + " steps_failed = excluded.steps_failed + "
          + lateCount("steps_failed")
          + ","
          + " steps_recovered = excluded.steps_recovered + "
          + lateCount("steps_recovered")
          + ","
          + " error_type = excluded.error_type, error_message = excluded.error_message";

  private static String lateCount(String column) {
    return "CASE WHEN executions.status = 'running' THEN coalesce(executions."
        + column
        + ", 0)"
        + " ELSE 0 END";
  }

  private static final String ADD_LATE_STEPS =
      "UPDATE executions SET steps_completed = coalesce(steps_completed, 0) + ?,"
          + " steps_failed = coalesce(steps_failed, 0) + ?,"
          + " steps_recovered = coalesce(steps_recovered, 0) + ? WHERE execution_id = ?";

  private static final String INSERT_RECOVERY =
      "INSERT INTO recoveries(execution_id, workflow_id, node_id, strategy, success, started_at,"
          + " duration_ms, error_message) VALUES (?,?,?,?,?,?,?,?)";

  private static final String INSERT_TIMER =
      "INSERT INTO timers(ts, name, labels, duration_ms, success, error_type, vals)"
          + " VALUES (?,?,?,?,?,?,?)";

  private static final String INSERT_RESOURCE =
      "INSERT INTO resources(ts, host, process_cpu_pct, system_cpu_pct, process_rss_bytes,"
          + " heap_used_bytes, system_mem_used_bytes, disk_read_bytes, disk_write_bytes,"
          + " gpu_util_pct, gpu_mem_used_bytes, running_executions) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)";

  private static final long HEALTH_REPEAT_MS = 1_000;

  private static final String INSERT_HEALTH =
      "INSERT INTO agent_health(ts, host, pid, agent_started_at, events_recorded,"
          + " events_dropped, unattributed, extractor_errors, write_errors, queue_depth)"
          + " VALUES (?,?,?,?,?,?,?,?,?,?)";

  private static final String NOT_RUNNING_EXECUTION =
      " AND (execution_id IS NULL OR execution_id NOT IN"
          + " (SELECT execution_id FROM executions WHERE status = 'running'))";

  /**
   * Retention, table by table: rows older than the cutoff, never an execution still running nor the
   * steps and recoveries of one (a live view counts them).
   */
  private static final List<String> PRUNE_CONDITIONS =
      List.of(
          "steps WHERE started_at < ?" + NOT_RUNNING_EXECUTION,
          "recoveries WHERE started_at < ?" + NOT_RUNNING_EXECUTION,
          "timers WHERE ts < ?",
          "resources WHERE ts < ?",
          "agent_health WHERE ts < ?",
          "executions WHERE started_at < ? AND status <> 'running'");

  private final Path file;
  private final String host;
  private final AgentHealth health;
  private final Connection connection;

  private final PreparedStatement insertStart;
  private final PreparedStatement insertStep;
  private final PreparedStatement insertSteps;
  private final PreparedStatement insertRecovery;
  private final PreparedStatement insertTimer;
  private final PreparedStatement insertResource;
  private final PreparedStatement upsertFinish;
  private final PreparedStatement addLateSteps;
  private final List<PreparedStatement> statements;

  // The last agent_health row written (only touched under the monitor).
  private long[] lastHealthFigures;
  private long lastHealthAt;

  // Per-batch scratch, reused (only touched under the monitor).
  private final List<ExecutionStarted> starts = new ArrayList<>();
  private final List<StepRecord> steps = new ArrayList<>();
  private final List<RecoveryRecord> recoveries = new ArrayList<>();
  private final List<TimerRecord> timers = new ArrayList<>();
  private final List<ResourceSample> resources = new ArrayList<>();
  private final List<ExecutionFinished> finishes = new ArrayList<>();
  private final Map<String, int[]> lateSteps = new LinkedHashMap<>();
  private final StringBuilder json = new StringBuilder(128);

  // Null when the database's text encoding is not UTF-8: strings are then bound as they are.
  private final Utf8Cache names;
  private final Utf8Cache batchExecutionIds;
  private final BoxCache boxes = new BoxCache();

  private boolean closed; // guarded by this
  private Runnable beforeCommit; // guarded by this; tests only

  private SqliteStore(Path file, String host, AgentHealth health, Connection connection)
      throws SQLException {
    boolean utf8 = isUtf8(connection);
    this.names = utf8 ? new Utf8Cache(NAME_CACHE_CAPACITY) : null;
    this.batchExecutionIds = utf8 ? new Utf8Cache(NAME_CACHE_CAPACITY) : null;
    this.file = file;
    this.host = host;
    this.health = health;
    this.connection = connection;
    List<PreparedStatement> prepared = new ArrayList<>();
    try {
      this.insertStart = prepare(prepared, INSERT_START);
      this.insertStep = prepare(prepared, STEP_COLUMNS + STEP_ROW);
      this.insertSteps =
          prepare(
              prepared,
              STEP_COLUMNS
                  + String.join(",", Collections.nCopies(STEP_ROWS_PER_STATEMENT, STEP_ROW)));
      this.insertRecovery = prepare(prepared, INSERT_RECOVERY);
      this.insertTimer = prepare(prepared, INSERT_TIMER);
      this.insertResource = prepare(prepared, INSERT_RESOURCE);
      this.upsertFinish = prepare(prepared, UPSERT_FINISH);
      this.addLateSteps = prepare(prepared, ADD_LATE_STEPS);
    } catch (SQLException e) {
      closeAll(prepared);
      throw e;
    }
    this.statements = prepared;
  }

  private PreparedStatement prepare(List<PreparedStatement> prepared, String sql)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    prepared.add(statement);
    return statement;
  }

  /**
   * Opens the store at {@code file}, creating its parent directories and the file, switching it to
   * WAL and bringing its schema to the current version.
   *
   * @param host written into {@code executions.host}, {@code resources.host} and health rows
   * @throws StoreException with a one-line message naming the file and the reason
   */
  public static SqliteStore open(Path file, String host, AgentHealth health) throws StoreException {
    if (file == null) {
      throw new StoreException(null, "no path was given", null);
    }
    if (health == null) {
      throw new IllegalArgumentException("health counters are required");
    }
    Path path = file.toAbsolutePath().normalize();
    checkPath(path);
    Connection connection = null;
    try {
      connection = connect(path);
      configure(connection, path);
      StoreSchema.createOrMigrate(connection);
      connection.setAutoCommit(false);
      return new SqliteStore(path, host, health, connection);
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new StoreException(path, reason(e), e);
    } catch (LinkageError e) {
      // sqlite-jdbc could not load its native library (e.g. a noexec temp directory).
      closeQuietly(connection);
      throw new StoreException(
          path,
          "SQLite's native library could not be loaded ("
              + AgentLog.describe(e)
              + "); if the temporary directory is mounted noexec, point -Dorg.sqlite.tmpdir at one"
              + " that is not",
          e);
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw new StoreException(path, AgentLog.describe(e), e);
    }
  }

  /** The checks SQLite would answer with a bare "unable to open database file". */
  private static void checkPath(Path path) throws StoreException {
    Path parent = path.getParent();
    Path existing = parent;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null && !Files.isDirectory(existing)) {
      throw new StoreException(
          path,
          existing + " is a file, not a directory, so the store cannot be created there",
          null);
    }
    if (parent != null) {
      try {
        Files.createDirectories(parent);
      } catch (IOException e) {
        throw new StoreException(
            path, "cannot create the directory " + parent + " (" + AgentLog.describe(e) + ")", e);
      }
    }
    if (Files.isDirectory(path)) {
      throw new StoreException(path, "it is a directory, not a database file", null);
    }
    if (Files.exists(path)) {
      if (!Files.isWritable(path)) {
        throw new StoreException(path, "the file is not writable", null);
      }
      checkHeader(path);
    }
    if (parent != null && !Files.isWritable(parent)) {
      // Even for an existing file: WAL needs to create the -wal and -shm files beside it.
      throw new StoreException(path, "the directory " + parent + " is not writable", null);
    }
  }

  private static void checkHeader(Path path) throws StoreException {
    byte[] head = new byte[SQLITE_HEADER.length];
    int read;
    try (InputStream in = Files.newInputStream(path)) {
      read = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw new StoreException(path, "the file cannot be read (" + AgentLog.describe(e) + ")", e);
    }
    // An empty file is a valid empty database to SQLite.
    if (read > 0 && (read < head.length || !Arrays.equals(head, SQLITE_HEADER))) {
      throw new StoreException(path, "the file exists but is not a SQLite database", null);
    }
  }

  /**
   * Instantiates sqlite-jdbc from the agent's own class loader: {@code DriverManager} would pick
   * whichever registered driver answers first, possibly the application's own sqlite-jdbc.
   */
  private static Connection connect(Path path) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    // The store never reads generated ids; fetching them costs a query per insert
    // (xerial/sqlite-jdbc#1135).
    config.setGetGeneratedKeys(false);
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + path);
    return source.getConnection();
  }

  private static void configure(Connection connection, Path path) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      // busy_timeout first: switching to WAL itself needs a lock another process may hold.
      statement.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
      String mode = "";
      try (ResultSet rows = statement.executeQuery("PRAGMA journal_mode = WAL")) {
        if (rows.next()) {
          mode = rows.getString(1);
        }
      }
      if (!"wal".equalsIgnoreCase(mode)) {
        AgentLog.warnOnce(
            "store-not-wal:" + path,
            "the store "
                + path
                + " stays in journal mode '"
                + mode
                + "' (WAL unavailable here): readers may wait while the agent writes");
      }
      // NORMAL in WAL: a commit survives an application crash; only a power loss may undo the
      // last transactions, and the file is never corrupted.
      statement.execute("PRAGMA synchronous = NORMAL");
    }
  }

  private static boolean isUtf8(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA encoding")) {
      return rows.next() && "UTF-8".equalsIgnoreCase(rows.getString(1));
    }
  }

  private static String reason(SQLException e) {
    int primary = e.getErrorCode() & 0xFF;
    switch (primary) {
      case 26: // SQLITE_NOTADB
        return "the file exists but is not a SQLite database";
      case 11: // SQLITE_CORRUPT
        return "the database file is corrupt (" + e.getMessage() + ")";
      case 14: // SQLITE_CANTOPEN
        return "SQLite cannot open the file (" + e.getMessage() + ")";
      case 8: // SQLITE_READONLY
        return "the file or its directory is read-only (" + e.getMessage() + ")";
      case 5: // SQLITE_BUSY
      case 6: // SQLITE_LOCKED
        return "another process holds a lock on it for longer than "
            + BUSY_TIMEOUT_MS
            + " ms ("
            + e.getMessage()
            + ")";
      case 13: // SQLITE_FULL
        return "the disk is full (" + e.getMessage() + ")";
      default:
        return e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    }
  }

  /** Writes one batch in one transaction (see the class comment for the order). */
  @Override
  public synchronized void accept(List<Event> batch) throws SQLException {
    ensureOpen();
    if (batch.isEmpty()) {
      return;
    }
    int written = 0;
    try {
      written = sort(batch);
      writeStarts();
      writeSteps();
      writeRecoveries();
      writeTimers();
      writeResources();
      writeFinishes();
      writeLateSteps();
      if (beforeCommit != null) {
        beforeCommit.run();
      }
      connection.commit();
    } catch (SQLException | RuntimeException | Error e) {
      rollback(e);
      throw e;
    } finally {
      clearScratch();
    }
    health.eventsWritten(written);
  }

  /** Files each event under its phase; returns how many events will be written. */
  private int sort(List<Event> batch) {
    int accepted = 0;
    for (Event event : batch) {
      if (event == null) {
        continue;
      }
      boolean valid;
      switch (event.kind()) {
        case EXECUTION_STARTED:
          ExecutionStarted start = (ExecutionStarted) event;
          valid = start.executionId != null && start.workflowId != null;
          if (valid) {
            starts.add(start);
          }
          break;
        case STEP:
          StepRecord step = (StepRecord) event;
          valid =
              step.executionId != null
                  && step.workflowId != null
                  && step.status != null
                  && !Double.isNaN(step.durationMs);
          if (valid) {
            steps.add(step);
            if (step.afterExecutionFinished) {
              countLateStep(step);
            }
          }
          break;
        case RECOVERY:
          RecoveryRecord recovery = (RecoveryRecord) event;
          valid = !Double.isNaN(recovery.durationMs);
          if (valid) {
            recoveries.add(recovery);
          }
          break;
        case TIMER:
          TimerRecord timer = (TimerRecord) event;
          valid = timer.name != null && !Double.isNaN(timer.durationMs);
          if (valid) {
            timers.add(timer);
          }
          break;
        case RESOURCE_SAMPLE:
          resources.add((ResourceSample) event);
          valid = true;
          break;
        case EXECUTION_FINISHED:
          ExecutionFinished finish = (ExecutionFinished) event;
          valid = finish.executionId != null && finish.workflowId != null && finish.status != null;
          if (valid) {
            finishes.add(finish);
          }
          break;
        default:
          valid = false;
      }
      if (valid) {
        accepted++;
      } else {
        // A NOT NULL column would fail the whole batch (SQLite stores NaN as NULL): one bad event
        // must not cost the others.
        health.eventDropped();
        AgentLog.warnOnce(
            "store-invalid:" + event.kind(),
            "an event of kind "
                + event.kind()
                + " lacks its execution id, workflow id, status, name or duration and was not stored");
      }
    }
    return accepted;
  }

  private void countLateStep(StepRecord step) {
    int[] counts = lateSteps.computeIfAbsent(step.executionId, id -> new int[3]);
    if (StepRecord.FAILED.equals(step.status)) {
      counts[1]++;
    } else if (StepRecord.RECOVERED.equals(step.status)) {
      counts[0]++;
      counts[2]++;
    } else if (StepRecord.SUCCESS.equals(step.status)) {
      counts[0]++;
    }
  }

  private void writeStarts() throws SQLException {
    if (starts.isEmpty()) {
      return;
    }
    PreparedStatement ps = insertStart;
    for (ExecutionStarted e : starts) {
      ps.setString(1, e.executionId);
      ps.setString(2, e.workflowId);
      ps.setString(3, e.parentExecutionId);
      ps.setString(4, host);
      ps.setLong(5, e.startedAt);
      setInteger(ps, 6, e.stepsTotal);
      ps.addBatch();
    }
    ps.executeBatch();
  }

  private void writeSteps() throws SQLException {
    int n = steps.size();
    int i = 0;
    for (; i + STEP_ROWS_PER_STATEMENT <= n; i += STEP_ROWS_PER_STATEMENT) {
      int param = 1;
      for (int r = 0; r < STEP_ROWS_PER_STATEMENT; r++) {
        param = bindStep(insertSteps, param, steps.get(i + r));
      }
      insertSteps.executeUpdate();
    }
    if (i < n) {
      for (; i < n; i++) {
        bindStep(insertStep, 1, steps.get(i));
        insertStep.addBatch();
      }
      insertStep.executeBatch();
    }
  }

  private int bindStep(PreparedStatement ps, int first, StepRecord s) throws SQLException {
    int p = first;
    bindText(ps, p++, batchExecutionIds, s.executionId);
    bindText(ps, p++, names, s.workflowId);
    bindText(ps, p++, names, s.nodeId);
    bindText(ps, p++, names, s.actionType);
    ps.setObject(p++, boxes.integer(s.stepNumber));
    ps.setObject(p++, boxes.longValue(s.startedAt));
    ps.setDouble(p++, s.durationMs);
    bindText(ps, p++, names, s.status);
    ps.setString(p++, s.errorType);
    ps.setString(p++, s.errorMessage);
    assert p - first == STEP_PARAMS;
    return p;
  }

  /** Binds {@code text} for a {@code CAST(? AS TEXT)} parameter: cached bytes when UTF-8. */
  private static void bindText(PreparedStatement ps, int parameter, Utf8Cache cache, String text)
      throws SQLException {
    if (cache == null) {
      ps.setString(parameter, text);
    } else {
      ps.setBytes(parameter, cache.bytes(text));
    }
  }

  private void writeRecoveries() throws SQLException {
    if (recoveries.isEmpty()) {
      return;
    }
    PreparedStatement ps = insertRecovery;
    for (RecoveryRecord r : recoveries) {
      ps.setString(1, r.executionId);
      ps.setString(2, r.workflowId);
      ps.setString(3, r.nodeId);
      ps.setString(4, r.strategy);
      ps.setInt(5, r.success ? 1 : 0);
      ps.setLong(6, r.startedAt);
      ps.setDouble(7, r.durationMs);
      ps.setString(8, r.errorMessage);
      ps.addBatch();
    }
    ps.executeBatch();
  }

  private void writeTimers() throws SQLException {
    if (timers.isEmpty()) {
      return;
    }
    PreparedStatement ps = insertTimer;
    for (TimerRecord t : timers) {
      ps.setLong(1, t.ts);
      ps.setString(2, t.name);
      ps.setString(3, JsonText.stringObject(t.labels, json));
      ps.setDouble(4, t.durationMs);
      ps.setInt(5, t.success ? 1 : 0);
      ps.setString(6, t.errorType);
      ps.setString(7, JsonText.numberObject(t.values, json));
      ps.addBatch();
    }
    ps.executeBatch();
  }

  private void writeResources() throws SQLException {
    if (resources.isEmpty()) {
      return;
    }
    PreparedStatement ps = insertResource;
    for (ResourceSample r : resources) {
      ps.setLong(1, r.ts);
      ps.setString(2, host);
      setDouble(ps, 3, r.processCpuPct);
      setDouble(ps, 4, r.systemCpuPct);
      setLong(ps, 5, r.processRssBytes);
      setLong(ps, 6, r.heapUsedBytes);
      setLong(ps, 7, r.systemMemUsedBytes);
      setLong(ps, 8, r.diskReadBytes);
      setLong(ps, 9, r.diskWriteBytes);
      setDouble(ps, 10, r.gpuUtilPct);
      setLong(ps, 11, r.gpuMemUsedBytes);
      setInteger(ps, 12, r.runningExecutions);
      ps.addBatch();
    }
    ps.executeBatch();
  }

  private void writeFinishes() throws SQLException {
    if (finishes.isEmpty()) {
      return;
    }
    PreparedStatement ps = upsertFinish;
    for (ExecutionFinished f : finishes) {
      ps.setString(1, f.executionId);
      ps.setString(2, f.workflowId);
      ps.setString(3, host);
      // Used only when no start row exists: the start is the end minus the duration.
      ps.setLong(4, f.completedAt - (Double.isFinite(f.durationMs) ? Math.round(f.durationMs) : 0));
      ps.setLong(5, f.completedAt);
      ps.setDouble(6, f.durationMs);
      ps.setString(7, f.status);
      setInteger(ps, 8, f.stepsTotal);
      ps.setInt(9, f.stepsCompleted);
      ps.setInt(10, f.stepsFailed);
      ps.setInt(11, f.stepsRecovered);
      ps.setString(12, f.errorType);
      ps.setString(13, f.errorMessage);
      ps.addBatch();
    }
    ps.executeBatch();
  }

  private void writeLateSteps() throws SQLException {
    if (lateSteps.isEmpty()) {
      return;
    }
    PreparedStatement ps = addLateSteps;
    for (Map.Entry<String, int[]> entry : lateSteps.entrySet()) {
      int[] counts = entry.getValue();
      ps.setInt(1, counts[0]);
      ps.setInt(2, counts[1]);
      ps.setInt(3, counts[2]);
      ps.setString(4, entry.getKey());
      ps.addBatch();
    }
    ps.executeBatch();
  }

  private static void setInteger(PreparedStatement ps, int index, Integer value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setInt(index, value);
    }
  }

  private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, value);
    }
  }

  private static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.DOUBLE);
    } else {
      ps.setDouble(index, value);
    }
  }

  private void clearScratch() {
    starts.clear();
    steps.clear();
    recoveries.clear();
    timers.clear();
    resources.clear();
    finishes.clear();
    lateSteps.clear();
    if (batchExecutionIds != null) {
      batchExecutionIds.clear(); // ids rarely outlive a batch: don't let them crowd the cache
    }
  }

  /**
   * Appends one {@code agent_health} row: the cumulative counters, this process, the agent's start
   * and the queue depth now. A row that would repeat the previous one's figures within {@value
   * #HEALTH_REPEAT_MS} ms is left out: the shutdown row often follows the last batch's periodic one
   * at once, and two identical rows would read as two reports.
   */
  public synchronized void writeHealth(long agentStartedAt, int queueDepth) throws SQLException {
    ensureOpen();
    long now = System.currentTimeMillis();
    long[] figures = {
      agentStartedAt,
      health.written(),
      health.dropped(),
      health.unattributedCount(),
      health.extractorErrors(),
      health.writeErrors(),
      queueDepth
    };
    if (Arrays.equals(figures, lastHealthFigures) && now - lastHealthAt < HEALTH_REPEAT_MS) {
      return;
    }
    try (PreparedStatement ps = connection.prepareStatement(INSERT_HEALTH)) {
      ps.setLong(1, now);
      ps.setString(2, host);
      ps.setLong(3, ProcessHandle.current().pid());
      for (int i = 0; i < figures.length; i++) {
        ps.setLong(4 + i, figures[i]);
      }
      ps.executeUpdate();
      connection.commit();
      lastHealthFigures = figures;
      lastHealthAt = now;
    } catch (SQLException | RuntimeException e) {
      rollback(e);
      throw e;
    }
  }

  /**
   * Retention: deletes rows that started (or were sampled) before {@code cutoffEpochMs} from steps,
   * recoveries, timers, resources, agent_health and executions, never touching an execution that is
   * still {@code running} or its steps and recoveries. Deletes in chunks of {@value #PRUNE_CHUNK}
   * rows, one short transaction each, releasing the store between chunks.
   *
   * @return the number of rows removed
   */
  public int pruneOlderThan(long cutoffEpochMs) throws SQLException {
    int removed = 0;
    for (String condition : PRUNE_CONDITIONS) {
      String table = condition.substring(0, condition.indexOf(' '));
      String sql =
          "DELETE FROM "
              + table
              + " WHERE rowid IN (SELECT rowid FROM "
              + condition
              + " LIMIT "
              + PRUNE_CHUNK
              + ")";
      int chunk;
      do {
        chunk = deleteChunk(sql, cutoffEpochMs);
        removed += chunk;
      } while (chunk >= PRUNE_CHUNK);
    }
    return removed;
  }

  private synchronized int deleteChunk(String sql, long cutoffEpochMs) throws SQLException {
    ensureOpen();
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setLong(1, cutoffEpochMs);
      int n = ps.executeUpdate();
      connection.commit();
      return n;
    } catch (SQLException | RuntimeException e) {
      rollback(e);
      throw e;
    }
  }

  /**
   * Finishes the last transaction, folds the WAL back into the database file ({@code
   * wal_checkpoint(TRUNCATE)}) and closes the connection. Idempotent.
   */
  @Override
  public synchronized void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    SQLException failure = null;
    try {
      connection.commit();
      connection.setAutoCommit(true);
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      }
    } catch (SQLException e) {
      failure = e;
    }
    closeAll(statements);
    try {
      connection.close();
    } catch (SQLException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** The store file (absolute). */
  public Path file() {
    return file;
  }

  /** This connection's value of {@code PRAGMA name} (tests, diagnostics). */
  synchronized String pragma(String name) throws SQLException {
    ensureOpen();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
      return rows.next() ? rows.getString(1) : null;
    }
  }

  /** Tests: runs inside each batch transaction just before its commit. */
  synchronized void beforeCommit(Runnable hook) {
    this.beforeCommit = hook;
  }

  private void ensureOpen() throws SQLException {
    if (closed) {
      throw new SQLException("the store " + file + " is closed");
    }
  }

  private void rollback(Throwable cause) {
    for (PreparedStatement statement : statements) {
      try {
        statement.clearBatch();
      } catch (SQLException | RuntimeException e) {
        cause.addSuppressed(e);
      }
    }
    try {
      connection.rollback();
    } catch (SQLException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private static void closeAll(List<PreparedStatement> statements) {
    for (PreparedStatement statement : statements) {
      try {
        statement.close();
      } catch (SQLException | RuntimeException ignored) {
        // Closing the connection next releases it anyway.
      }
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException | RuntimeException ignored) {
        // Already failing with a better reason.
      }
    }
  }
}
