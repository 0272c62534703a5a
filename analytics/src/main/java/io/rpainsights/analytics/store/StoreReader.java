package io.rpainsights.analytics.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Read-only queries over the documented tables. Every query selects only the columns it needs and
 * is shaped to use the schema's indexes: {@code executions(workflow_id, started_at)}, {@code
 * executions(started_at)}, {@code steps(workflow_id, started_at)}, {@code steps(execution_id)} and
 * the partial index of running executions. Step queries over all workflows run once per workflow,
 * because {@code steps} has no index on time alone.
 *
 * <p>Rows are streamed to a consumer rather than collected, so a long window costs memory only for
 * what the caller keeps. {@link #executionRuns}, {@link #stepRuns} and {@link #recoveryCounts}
 * return runs grouped and sorted instead, and answer windows of a day or more from analytics' exact
 * per-day rollup ({@link Rollup}) rather than from the rows.
 */
public final class StoreReader {
  private static final String DURATION =
      "COALESCE(duration_ms, CAST(completed_at - started_at AS REAL))";

  /** The documented statuses, coded 0.. in SQL; any other text is transferred as it is. */
  private static final List<String> STATUSES =
      List.of("success", "failed", "timeout", "running", "recovered");

  private static final String STATUS_COLUMNS =
      "CASE status WHEN 'success' THEN 0 WHEN 'failed' THEN 1 WHEN 'timeout' THEN 2"
          + " WHEN 'running' THEN 3 WHEN 'recovered' THEN 4 ELSE -1 END,"
          + " iif(status IN ('success', 'failed', 'timeout', 'running', 'recovered'), NULL,"
          + " status)";

  private final Store store;
  private final Dictionary workflowDictionary = new Dictionary();
  private final java.util.concurrent.ConcurrentHashMap<String, Dictionary> nodeDictionaries =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.concurrent.ConcurrentHashMap<String, Dictionary> actionDictionaries =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final RunSource runSource = new RunSource();
  private final Rollup rollup;

  public StoreReader(Store store) {
    this.store = store;
    this.rollup = new Rollup(store, runSource);
  }

  public Store store() {
    return store;
  }

  Rollup rollup() {
    return rollup;
  }

  /**
   * How many answers over a window the rollup covers had to be read from the rows instead (store
   * busy beyond the timeout, or a rollup this version cannot use); 0 in normal operation.
   */
  public long rollupFallbacks() {
    return rollup.fallbacks();
  }

  /**
   * Every workflow id with at least one execution, sorted. Walks the {@code (workflow_id,
   * started_at)} index with one seek per distinct id instead of scanning it.
   */
  public List<String> workflows() {
    return store.cached(
        "workflows",
        false,
        0,
        () ->
            store.read(
                c -> {
                  List<String> ids = new ArrayList<>();
                  String sql =
                      "WITH RECURSIVE w(id) AS (SELECT min(workflow_id) FROM executions"
                          + " UNION ALL SELECT (SELECT min(workflow_id) FROM executions"
                          + " WHERE workflow_id > w.id) FROM w WHERE w.id IS NOT NULL)"
                          + " SELECT id FROM w WHERE id IS NOT NULL";
                  try (PreparedStatement ps = c.prepareStatement(sql);
                      ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                      ids.add(rs.getString(1));
                    }
                  }
                  return Collections.unmodifiableList(ids);
                }));
  }

  /**
   * Checks that {@code workflowId} names a workflow of this store.
   *
   * @throws InvalidInputException naming the known workflows when it does not
   */
  public void requireWorkflow(String workflowId) {
    List<String> known = workflows();
    if (!known.contains(workflowId)) {
      String list =
          known.isEmpty()
              ? "the store has no executions"
              : "known: "
                  + String.join(", ", known.size() > 10 ? known.subList(0, 10) : known)
                  + (known.size() > 10 ? ", … (" + known.size() + " in all)" : "");
      throw new InvalidInputException("unknown workflow '" + workflowId + "' (" + list + ")");
    }
  }

  /**
   * Checks that {@code nodeId} names a step that {@code workflowId} has run at least once (at any
   * time, so a known step with no runs in a window still answers with empty figures). The check
   * stops at the first matching row; only an unknown step costs a pass over the workflow's steps,
   * to name the known ones.
   *
   * @throws InvalidInputException naming the workflow's known steps when it has not
   */
  public void requireNode(String workflowId, String nodeId) {
    requireWorkflow(workflowId);
    boolean known =
        store.cached(
            List.of("node", workflowId, nodeId),
            false,
            0,
            () ->
                store.read(
                    c -> {
                      try (PreparedStatement ps =
                              prepare(
                                  c,
                                  "SELECT 1 FROM steps WHERE workflow_id = ? AND node_id = ?"
                                      + " LIMIT 1",
                                  List.of(workflowId, nodeId));
                          ResultSet rs = ps.executeQuery()) {
                        return rs.next();
                      }
                    }));
    if (known) {
      return;
    }
    List<String> nodes =
        store.read(
            c -> {
              List<String> ids = new ArrayList<>();
              try (PreparedStatement ps =
                      prepare(
                          c,
                          "SELECT DISTINCT node_id FROM steps WHERE workflow_id = ?"
                              + " AND node_id IS NOT NULL ORDER BY 1",
                          List.of(workflowId));
                  ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  ids.add(rs.getString(1));
                }
              }
              return ids;
            });
    String list =
        nodes.isEmpty()
            ? "the workflow has no steps"
            : "known: "
                + String.join(", ", nodes.size() > 10 ? nodes.subList(0, 10) : nodes)
                + (nodes.size() > 10 ? ", … (" + nodes.size() + " in all)" : "");
    throw new InvalidInputException(
        "unknown node '" + nodeId + "' in workflow '" + workflowId + "' (" + list + ")");
  }

  /** The workflows a query covers: the one it names (checked) or all of them. */
  public List<String> workflowsFor(String workflowIdOrNull) {
    if (workflowIdOrNull == null) {
      return workflows();
    }
    requireWorkflow(workflowIdOrNull);
    return List.of(workflowIdOrNull);
  }

  /** Streams the execution rows that match {@code filter}. */
  public void executions(RowFilter filter, Detail detail, Consumer<ExecutionRow> sink) {
    List<String> workflowCodes = List.of();
    StringBuilder sql = new StringBuilder("SELECT started_at, ");
    sql.append(DURATION).append(", ").append(STATUS_COLUMNS);
    if (filter.workflowId() == null) {
      workflows().forEach(workflowDictionary::learn);
      workflowCodes = workflowDictionary.snapshot();
      sql.append(", ").append(Dictionary.columns("workflow_id", workflowCodes));
    }
    if (detail.errors()) {
      sql.append(", steps_total, steps_failed, steps_recovered, error_type");
    }
    if (detail.ids()) {
      sql.append(", execution_id, host");
    }
    sql.append(" FROM executions WHERE ");
    List<Object> args = new ArrayList<>();
    if (filter.workflowId() != null) {
      sql.append("workflow_id = ? AND ");
      args.add(filter.workflowId());
    }
    sql.append("started_at >= ? AND started_at < ? AND ");
    args.add(filter.window().sinceMillis());
    args.add(filter.window().untilMillis());
    if (filter.status() == null) {
      sql.append("status <> 'running'");
    } else {
      sql.append("status = ?");
      args.add(filter.status());
    }
    List<String> codes = workflowCodes;
    store.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int next = Dictionary.bind(ps, 1, codes);
            for (Object arg : args) {
              ps.setObject(next++, arg);
            }
            try (ResultSet rs = ps.executeQuery()) {
              int extra = filter.workflowId() == null ? 7 : 5;
              while (rs.next()) {
                double duration = duration(rs, 2);
                String workflow =
                    filter.workflowId() != null
                        ? filter.workflowId()
                        : workflowDictionary.read(rs, 5, codes);
                sink.accept(
                    new ExecutionRow(
                        detail.ids() ? rs.getString(extra + (detail.errors() ? 4 : 0)) : null,
                        workflow,
                        detail.ids() ? rs.getString(extra + (detail.errors() ? 5 : 1)) : null,
                        rs.getLong(1),
                        duration,
                        status(rs, 3),
                        detail.errors() ? integer(rs, extra) : null,
                        detail.errors() ? integer(rs, extra + 1) : null,
                        detail.errors() ? integer(rs, extra + 2) : null,
                        detail.errors() ? rs.getString(extra + 3) : null));
              }
            }
          }
          return null;
        });
  }

  /** Streams the step rows that match {@code filter}, workflow by workflow. */
  public void steps(RowFilter filter, Detail detail, Consumer<StepRow> sink) {
    List<String> workflows =
        filter.workflowId() != null ? List.of(filter.workflowId()) : workflows();
    for (String workflow : workflows) {
      Dictionary nodes = nodeDictionaries.computeIfAbsent(workflow, k -> new Dictionary());
      Dictionary actions = actionDictionaries.computeIfAbsent(workflow, k -> new Dictionary());
      List<String> nodeCodes = nodes.snapshot();
      List<String> actionCodes = actions.snapshot();
      StringBuilder sql =
          new StringBuilder("SELECT step_number, started_at, duration_ms, ")
              .append(STATUS_COLUMNS)
              .append(", ")
              .append(Dictionary.columns("node_id", nodeCodes))
              .append(", ")
              .append(Dictionary.columns("action_type", actionCodes));
      if (detail.errors()) {
        sql.append(", error_type");
      }
      if (detail.ids()) {
        sql.append(", execution_id");
      }
      sql.append(" FROM steps WHERE workflow_id = ? AND started_at >= ? AND started_at < ?");
      if (filter.nodeId() != null) {
        sql.append(" AND node_id = ?");
      }
      if (filter.status() != null) {
        sql.append(" AND status = ?");
      }
      store.read(
          c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
              int i = Dictionary.bind(ps, 1, nodeCodes);
              i = Dictionary.bind(ps, i, actionCodes);
              ps.setString(i++, workflow);
              ps.setLong(i++, filter.window().sinceMillis());
              ps.setLong(i++, filter.window().untilMillis());
              if (filter.nodeId() != null) {
                ps.setString(i++, filter.nodeId());
              }
              if (filter.status() != null) {
                ps.setString(i, filter.status());
              }
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  sink.accept(
                      new StepRow(
                          detail.ids() ? rs.getString(detail.errors() ? 11 : 10) : null,
                          workflow,
                          nodes.read(rs, 6, nodeCodes),
                          actions.read(rs, 8, actionCodes),
                          rs.getInt(1),
                          rs.getLong(2),
                          duration(rs, 3),
                          status(rs, 4),
                          detail.errors() ? rs.getString(10) : null));
                }
              }
            }
            return null;
          });
    }
  }

  /**
   * The finished executions that match {@code filter} (one workflow or all, optionally one status),
   * one group per workflow and status, durations ascending. Windows of a day or more come from the
   * rollup, shorter ones from the rows; the values are the same.
   */
  public List<RunGroup> executionRuns(RowFilter filter) {
    return runs(RollupKind.EXECUTIONS, filter);
  }

  /**
   * The step rows that match {@code filter} (one workflow or all, optionally one node and one
   * status), one group per workflow, node, action type and status, durations ascending. Windows of
   * a day or more come from the rollup, shorter ones from the rows; the values are the same.
   */
  public List<RunGroup> stepRuns(RowFilter filter) {
    return runs(RollupKind.STEPS, filter);
  }

  /**
   * Recovery attempts that started in the window, counted per workflow, node, strategy and outcome:
   * of one workflow, or of all (attempts recorded without a workflow included, as a null workflow).
   */
  public List<RecoveryCount> recoveryCounts(String workflowIdOrNull, Window window) {
    List<RecoveryCount> out = new ArrayList<>();
    if (rollup.covers(window)) {
      List<String> workflows =
          workflowIdOrNull != null ? List.of(workflowIdOrNull) : recoveryWorkflows();
      java.util.Map<String, java.util.Map<RunGrouper.Key, Long>> counts =
          rollup.counts(RollupKind.RECOVERIES, workflows, window);
      if (counts != null) {
        counts.forEach(
            (w, groups) ->
                groups.forEach(
                    (k, n) ->
                        out.add(new RecoveryCount(w, k.k1(), k.k2(), "1".equals(k.k3()), n))));
        if (workflowIdOrNull == null) {
          out.addAll(recoveryCountsFromRows(null, true, window));
        }
        out.sort(RECOVERY_ORDER);
        return out;
      }
    }
    out.addAll(recoveryCountsFromRows(workflowIdOrNull, false, window));
    out.sort(RECOVERY_ORDER);
    return out;
  }

  private static final java.util.Comparator<String> TEXT =
      java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder());

  private static final java.util.Comparator<RecoveryCount> RECOVERY_ORDER =
      java.util.Comparator.comparing(RecoveryCount::workflowId, TEXT)
          .thenComparing(RecoveryCount::nodeId, TEXT)
          .thenComparing(RecoveryCount::strategy, TEXT)
          .thenComparing(RecoveryCount::success);

  private static final java.util.Comparator<RunGroup> GROUP_ORDER =
      java.util.Comparator.comparing(RunGroup::workflowId, TEXT)
          .thenComparing(RunGroup::nodeId, TEXT)
          .thenComparing(RunGroup::actionType, TEXT)
          .thenComparing(RunGroup::status, TEXT);

  /** Counted by SQLite: of one workflow, of all, or only of attempts without a workflow. */
  private List<RecoveryCount> recoveryCountsFromRows(
      String workflowIdOrNull, boolean onlyWithoutWorkflow, Window window) {
    String where =
        onlyWithoutWorkflow
            ? "workflow_id IS NULL AND "
            : workflowIdOrNull != null ? "workflow_id = ? AND " : "";
    String sql =
        "SELECT workflow_id, node_id, strategy, success <> 0, count(*) FROM recoveries WHERE "
            + where
            + "started_at >= ? AND started_at < ? GROUP BY 1, 2, 3, 4";
    List<Object> args = new ArrayList<>();
    if (!onlyWithoutWorkflow && workflowIdOrNull != null) {
      args.add(workflowIdOrNull);
    }
    args.add(window.sinceMillis());
    args.add(window.untilMillis());
    return store.read(
        c -> {
          List<RecoveryCount> out = new ArrayList<>();
          try (PreparedStatement ps = prepare(c, sql, args);
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(
                  new RecoveryCount(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getInt(4) != 0,
                      rs.getLong(5)));
            }
          }
          return out;
        });
  }

  /** The workflow ids that have recovery attempts, by a skip-scan of their index. */
  private List<String> recoveryWorkflows() {
    return store.read(
        c -> {
          List<String> ids = new ArrayList<>();
          String sql =
              "WITH RECURSIVE w(id) AS (SELECT min(workflow_id) FROM recoveries"
                  + " UNION ALL SELECT (SELECT min(workflow_id) FROM recoveries"
                  + " WHERE workflow_id > w.id) FROM w WHERE w.id IS NOT NULL)"
                  + " SELECT id FROM w WHERE id IS NOT NULL";
          try (PreparedStatement ps = c.prepareStatement(sql);
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              ids.add(rs.getString(1));
            }
          }
          return ids;
        });
  }

  private List<RunGroup> runs(RollupKind kind, RowFilter filter) {
    List<String> workflows =
        filter.workflowId() != null ? List.of(filter.workflowId()) : workflows();
    java.util.Map<String, java.util.Map<RunGrouper.Key, List<RunChunk>>> runs = null;
    if (rollup.covers(filter.window())) {
      runs = rollup.runs(kind, workflows, filter.window(), filter.nodeId(), filter.status());
    }
    List<RunGroup> out = new ArrayList<>();
    if (runs != null) {
      runs.forEach(
          (w, groups) -> groups.forEach((k, chunks) -> out.add(group(kind, w, k, chunks))));
    } else {
      for (String w : workflows) {
        RunGrouper grouper = new RunGrouper(false);
        store.read(
            c -> {
              runSource.range(
                  c,
                  kind,
                  w,
                  filter.window().sinceMillis(),
                  filter.window().untilMillis(),
                  filter.nodeId(),
                  filter.status(),
                  grouper::add);
              return null;
            });
        grouper.chunks().forEach((k, chunk) -> out.add(group(kind, w, k, List.of(chunk))));
      }
    }
    out.sort(GROUP_ORDER);
    return out;
  }

  private static RunGroup group(
      RollupKind kind, String workflow, RunGrouper.Key k, List<RunChunk> parts) {
    return kind == RollupKind.EXECUTIONS
        ? new RunGroup(workflow, null, null, k.k1(), parts)
        : new RunGroup(workflow, k.k1(), k.k2(), k.k3(), parts);
  }

  /** Streams the recovery attempts that started in the window, of one workflow or all. */
  public void recoveries(String workflowIdOrNull, Window window, Consumer<RecoveryRow> sink) {
    String sql =
        "SELECT execution_id, workflow_id, node_id, strategy, success, started_at, duration_ms"
            + " FROM recoveries WHERE "
            + (workflowIdOrNull != null ? "workflow_id = ? AND " : "")
            + "started_at >= ? AND started_at < ?";
    List<Object> args = new ArrayList<>();
    if (workflowIdOrNull != null) {
      args.add(workflowIdOrNull);
    }
    args.add(window.sinceMillis());
    args.add(window.untilMillis());
    store.read(
        c -> {
          try (PreparedStatement ps = prepare(c, sql, args);
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              sink.accept(
                  new RecoveryRow(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getInt(5) != 0,
                      rs.getLong(6),
                      duration(rs, 7)));
            }
          }
          return null;
        });
  }

  /** Streams the resource samples taken in the window, oldest first. */
  public void resources(Window window, Consumer<ResourceRow> sink) {
    String sql =
        "SELECT ts, host, process_cpu_pct, system_cpu_pct, process_rss_bytes, heap_used_bytes,"
            + " system_mem_used_bytes, gpu_util_pct, gpu_mem_used_bytes, running_executions"
            + " FROM resources WHERE ts >= ? AND ts < ? ORDER BY ts";
    store.read(
        c -> {
          try (PreparedStatement ps =
                  prepare(c, sql, List.of(window.sinceMillis(), window.untilMillis()));
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              sink.accept(
                  new ResourceRow(
                      rs.getLong(1),
                      rs.getString(2),
                      real(rs, 3),
                      real(rs, 4),
                      whole(rs, 5),
                      whole(rs, 6),
                      whole(rs, 7),
                      real(rs, 8),
                      whole(rs, 9),
                      whole(rs, 10)));
            }
          }
          return null;
        });
  }

  /**
   * The mean system CPU per minute (key: epoch minute) in the window, aggregated by SQLite: a 1 Hz
   * sampler writes 86,400 rows a day, which need not cross JDBC one by one.
   */
  public java.util.Map<Long, Double> systemCpuPerMinute(Window window) {
    return store.read(
        c -> {
          java.util.Map<Long, Double> result = new java.util.HashMap<>();
          try (PreparedStatement ps =
                  prepare(
                      c,
                      "SELECT ts / 60000, avg(system_cpu_pct) FROM resources WHERE ts >= ?"
                          + " AND ts < ? AND system_cpu_pct IS NOT NULL GROUP BY ts / 60000",
                      List.of(window.sinceMillis(), window.untilMillis()));
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              result.put(rs.getLong(1), rs.getDouble(2));
            }
          }
          return result;
        });
  }

  /**
   * Executions whose row still says {@code running} (the partial index), with their progress from
   * {@code steps(execution_id)}.
   */
  public List<RunningExecution> running() {
    return store.read(
        c -> {
          List<RunningExecution> result = new ArrayList<>();
          String runningSql =
              "SELECT execution_id, workflow_id, host, started_at, steps_total FROM executions"
                  + " WHERE status = 'running' ORDER BY started_at";
          String progressSql =
              "SELECT count(*), max(started_at + duration_ms), max(step_number) FROM steps"
                  + " WHERE execution_id = ?";
          try (PreparedStatement running = c.prepareStatement(runningSql);
              PreparedStatement progress = c.prepareStatement(progressSql);
              ResultSet rs = running.executeQuery()) {
            while (rs.next()) {
              String id = rs.getString(1);
              progress.setString(1, id);
              try (ResultSet p = progress.executeQuery()) {
                p.next();
                int done = p.getInt(1);
                double lastEnd = p.getDouble(2);
                Long lastEndedAt = p.wasNull() ? null : Long.valueOf(Math.round(lastEnd));
                result.add(
                    new RunningExecution(
                        id,
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        integer(rs, 5),
                        done,
                        lastEndedAt,
                        p.getInt(3)));
              }
            }
          }
          return result;
        });
  }

  /**
   * The ids of the latest {@code limit} successful executions of a workflow that started before
   * {@code beforeMillis}, newest first: the history that ETA estimates learn from.
   */
  public List<String> recentSuccessfulExecutions(String workflowId, long beforeMillis, int limit) {
    return store.read(
        c -> {
          List<String> ids = new ArrayList<>();
          String sql =
              "SELECT execution_id FROM executions WHERE workflow_id = ? AND started_at < ?"
                  + " AND status = 'success' ORDER BY started_at DESC LIMIT ?";
          try (PreparedStatement ps = prepare(c, sql, List.of(workflowId, beforeMillis, limit));
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              ids.add(rs.getString(1));
            }
          }
          return ids;
        });
  }

  /**
   * The step rows of the given executions ({@code steps(execution_id)}), in no particular order.
   */
  public void stepsOfExecutions(List<String> executionIds, Consumer<StepRow> sink) {
    String sql =
        "SELECT workflow_id, node_id, action_type, step_number, started_at, duration_ms, status,"
            + " execution_id, error_type FROM steps WHERE execution_id = ?";
    store.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (String id : executionIds) {
              ps.setString(1, id);
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  sink.accept(
                      new StepRow(
                          rs.getString(8),
                          rs.getString(1),
                          rs.getString(2),
                          rs.getString(3),
                          rs.getInt(4),
                          rs.getLong(5),
                          duration(rs, 6),
                          rs.getString(7),
                          rs.getString(9)));
                }
              }
            }
          }
          return null;
        });
  }

  private static PreparedStatement prepare(Connection c, String sql, List<?> args)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    try {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      return ps;
    } catch (SQLException e) {
      ps.close();
      throw e;
    }
  }

  private static String status(ResultSet rs, int codeColumn) throws SQLException {
    int code = rs.getInt(codeColumn);
    return code >= 0 ? STATUSES.get(code) : rs.getString(codeColumn + 1);
  }

  private static Integer integer(ResultSet rs, int column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  /**
   * A duration column: NaN (unknown, left out of every summary) for NULL and also for ±Infinity,
   * which another producer can store ({@code 9e999}) but no run can have taken.
   */
  static double duration(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() || !Double.isFinite(v) ? Double.NaN : v;
  }

  private static double real(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? Double.NaN : v;
  }

  private static long whole(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? -1 : v;
  }
}
