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
 * what the caller keeps.
 */
public final class StoreReader {
  private static final String DURATION =
      "COALESCE(duration_ms, CAST(completed_at - started_at AS REAL))";

  private final Store store;

  public StoreReader(Store store) {
    this.store = store;
  }

  public Store store() {
    return store;
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
    StringBuilder sql = new StringBuilder("SELECT workflow_id, host, started_at, ");
    sql.append(DURATION).append(", status");
    if (detail == Detail.FULL) {
      sql.append(", execution_id, steps_total, steps_failed, steps_recovered, error_type");
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
    store.read(
        c -> {
          try (PreparedStatement ps = prepare(c, sql.toString(), args);
              ResultSet rs = ps.executeQuery()) {
            boolean full = detail == Detail.FULL;
            while (rs.next()) {
              double duration = rs.getDouble(4);
              if (rs.wasNull()) {
                duration = Double.NaN;
              }
              sink.accept(
                  new ExecutionRow(
                      full ? rs.getString(6) : null,
                      rs.getString(1),
                      rs.getString(2),
                      rs.getLong(3),
                      duration,
                      rs.getString(5),
                      full ? integer(rs, 7) : null,
                      full ? integer(rs, 8) : null,
                      full ? integer(rs, 9) : null,
                      full ? rs.getString(10) : null));
            }
          }
          return null;
        });
  }

  /** Streams the step rows that match {@code filter}, workflow by workflow. */
  public void steps(RowFilter filter, Detail detail, Consumer<StepRow> sink) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT workflow_id, node_id, action_type, step_number, started_at, duration_ms,"
                + " status");
    if (detail == Detail.FULL) {
      sql.append(", execution_id, error_type");
    }
    sql.append(" FROM steps WHERE workflow_id = ? AND started_at >= ? AND started_at < ?");
    if (filter.nodeId() != null) {
      sql.append(" AND node_id = ?");
    }
    if (filter.status() != null) {
      sql.append(" AND status = ?");
    }
    List<String> workflows =
        filter.workflowId() != null ? List.of(filter.workflowId()) : workflows();
    store.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            boolean full = detail == Detail.FULL;
            for (String workflow : workflows) {
              int i = 1;
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
                          full ? rs.getString(8) : null,
                          rs.getString(1),
                          rs.getString(2),
                          rs.getString(3),
                          rs.getInt(4),
                          rs.getLong(5),
                          rs.getDouble(6),
                          rs.getString(7),
                          full ? rs.getString(9) : null));
                }
              }
            }
          }
          return null;
        });
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
                      rs.getDouble(7)));
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
                Long lastEndedAt = p.wasNull() ? null : (long) Math.round(lastEnd);
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
                          rs.getDouble(6),
                          rs.getString(7),
                          rs.getString(9)));
                }
              }
            }
          }
          return null;
        });
  }

  /** The earliest and latest {@code started_at} of all executions, or null for an empty store. */
  public long[] executionTimeSpan() {
    return store.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT min(started_at), max(started_at) FROM executions");
              ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              return null;
            }
            long min = rs.getLong(1);
            if (rs.wasNull()) {
              return null;
            }
            return new long[] {min, rs.getLong(2)};
          }
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

  private static Integer integer(ResultSet rs, int column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
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
