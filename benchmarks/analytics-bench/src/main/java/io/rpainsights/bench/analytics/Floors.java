package io.rpainsights.bench.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The floors: plain JDBC (a default sqlite-jdbc connection, kept open so its page cache is warm)
 * reading the rows an answer needs through the schema's indexes, every needed column of every row,
 * and nothing else. An engine that answers from the rows cannot beat this; one that answers from a
 * rollup can.
 */
final class Floors {
  private Floors() {}

  /** Executions of one workflow (or all, when null) that started in [since, until). */
  static long executions(Connection c, String workflow, long since, long until)
      throws SQLException {
    String sql =
        "SELECT workflow_id, started_at, duration_ms, completed_at, status FROM executions WHERE "
            + (workflow != null ? "workflow_id = ? AND " : "")
            + "started_at >= ? AND started_at < ?";
    return read(c, sql, "SIDIS", workflow, since, until);
  }

  /** Step rows of one workflow that started in [since, until). */
  static long steps(Connection c, String workflow, long since, long until) throws SQLException {
    return read(
        c,
        "SELECT node_id, action_type, step_number, started_at, duration_ms, status, error_type"
            + " FROM steps WHERE workflow_id = ? AND started_at >= ? AND started_at < ?",
        "SSIIDSS",
        workflow,
        since,
        until);
  }

  /** Successful executions and step rows of one workflow in a window, with their ids. */
  static long successfulRuns(Connection c, String workflow, long since, long until)
      throws SQLException {
    return read(
            c,
            "SELECT execution_id, started_at, duration_ms FROM executions WHERE workflow_id = ?"
                + " AND started_at >= ? AND started_at < ? AND status = 'success'",
            "SID",
            workflow,
            since,
            until)
        + read(
            c,
            "SELECT execution_id, node_id, action_type, started_at, duration_ms FROM steps"
                + " WHERE workflow_id = ? AND started_at >= ? AND started_at < ?"
                + " AND status = 'success'",
            "SSSID",
            workflow,
            since,
            until)
        + read(
            c,
            "SELECT node_id, scale, window_start, window_end, n, median, mad, mean_abs_dev"
                + " FROM analytics_baselines WHERE workflow_id = ? AND ? >= 0 AND ? >= 0",
            "SSIIIDDD",
            workflow,
            since,
            until);
  }

  /** Recovery attempts of one workflow (or all, when null) in a window. */
  static long recoveries(Connection c, String workflow, long since, long until)
      throws SQLException {
    return read(
        c,
        "SELECT workflow_id, node_id, strategy, success FROM recoveries WHERE "
            + (workflow != null ? "workflow_id = ? AND " : "")
            + "started_at >= ? AND started_at < ?",
        "SSSI",
        workflow,
        since,
        until);
  }

  /** Resource samples (system CPU) in a window. */
  static long cpu(Connection c, long since, long until) throws SQLException {
    return read(
        c,
        "SELECT ts, system_cpu_pct FROM resources WHERE ts >= ? AND ts < ?",
        "ID",
        null,
        since,
        until);
  }

  /** The workflow ids, by the same skip-scan of the executions index the engine uses. */
  static List<String> workflows(Connection c) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "WITH RECURSIVE w(id) AS (SELECT min(workflow_id) FROM executions"
                    + " UNION ALL SELECT (SELECT min(workflow_id) FROM executions"
                    + " WHERE workflow_id > w.id) FROM w WHERE w.id IS NOT NULL)"
                    + " SELECT id FROM w WHERE id IS NOT NULL");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  /**
   * Reads every column of every row with the getter of its type ({@code S} text, {@code I} integer,
   * {@code D} real); returns the row count.
   */
  private static long read(
      Connection c, String sql, String types, String workflow, long since, long until)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      if (workflow != null) {
        ps.setString(i++, workflow);
      }
      ps.setLong(i++, since);
      ps.setLong(i, until);
      long rows = 0;
      double sink = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows++;
          for (int col = 1; col <= types.length(); col++) {
            switch (types.charAt(col - 1)) {
              case 'S' -> {
                String v = rs.getString(col);
                sink += v == null ? 0 : v.length();
              }
              case 'I' -> sink += rs.getLong(col);
              default -> sink += rs.getDouble(col);
            }
          }
        }
      }
      if (Double.isInfinite(sink)) {
        throw new IllegalStateException("unreachable: " + sink);
      }
      return rows;
    }
  }
}
