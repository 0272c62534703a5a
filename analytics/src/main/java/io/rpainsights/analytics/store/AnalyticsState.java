package io.rpainsights.analytics.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Analytics' own state in the store, in tables prefixed {@code analytics_} and written in short
 * transactions of their own (never the agent's tables):
 *
 * <ul>
 *   <li>{@code analytics_baselines(workflow_id, node_id, scale, window_start, window_end, n,
 *       median, mad, mean_abs_dev, computed_at)}, key (workflow_id, scale, window_end,
 *       window_start, node_id): a few sets per workflow and scale, one per baseline window;
 *   <li>{@code analytics_insights_implemented(insight_id PRIMARY KEY, workflow_id, node_id,
 *       category, subject, title, metric, before_value, implemented_at, note)};
 *   <li>{@code analytics_meta(key PRIMARY KEY, value)}, e.g. {@code synthetic = true}.
 * </ul>
 *
 * Tables are created on first write, so a store nobody analysed stays exactly as the agent left it;
 * reads of a table that does not exist yet return nothing.
 */
public final class AnalyticsState {
  private static final String BASELINES_DDL =
      "CREATE TABLE IF NOT EXISTS analytics_baselines(workflow_id TEXT NOT NULL,"
          + " node_id TEXT NOT NULL, scale TEXT NOT NULL, window_start INTEGER NOT NULL,"
          + " window_end INTEGER NOT NULL, n INTEGER NOT NULL, median REAL NOT NULL,"
          + " mad REAL NOT NULL, mean_abs_dev REAL NOT NULL, computed_at INTEGER NOT NULL,"
          + " PRIMARY KEY (workflow_id, scale, window_end, window_start, node_id))";
  private static final String IMPLEMENTED_DDL =
      "CREATE TABLE IF NOT EXISTS analytics_insights_implemented(insight_id TEXT PRIMARY KEY,"
          + " workflow_id TEXT NOT NULL, node_id TEXT, category TEXT NOT NULL, subject TEXT,"
          + " title TEXT NOT NULL, metric TEXT NOT NULL, before_value REAL NOT NULL,"
          + " implemented_at INTEGER NOT NULL, note TEXT)";

  private final Store store;

  public AnalyticsState(Store store) {
    this.store = store;
  }

  /**
   * The stored baselines of one workflow on one scale: every kept set (one per baseline window),
   * each row one series (node id "" = executions).
   */
  public List<BaselineRow> baselines(String workflowId, String scale) {
    if (!tableExists("analytics_baselines")) {
      return List.of();
    }
    return store.read(
        c -> {
          List<BaselineRow> result = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT node_id, window_start, window_end, n, median, mad, mean_abs_dev,"
                      + " computed_at FROM analytics_baselines WHERE workflow_id = ? AND scale = ?")) {
            ps.setString(1, workflowId);
            ps.setString(2, scale);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                result.add(
                    new BaselineRow(
                        workflowId,
                        rs.getString(1),
                        scale,
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getInt(4),
                        rs.getDouble(5),
                        rs.getDouble(6),
                        rs.getDouble(7),
                        rs.getLong(8)));
              }
            }
          }
          return result;
        });
  }

  /**
   * Stores one set of baselines of one workflow on one scale — the rows of one baseline window,
   * replacing a set of the same window — and drops the sets computed before {@code
   * dropComputedBefore} and, beyond the {@code maxSets} most recently computed, the older ones.
   * Saved only if the store's write lock is free at once ({@link Store#saveAnalytics}).
   *
   * @return false when nothing was saved (store busy or not writable; the caller computes again
   *     next time)
   */
  public boolean saveBaselines(
      String workflowId,
      String scale,
      List<BaselineRow> set,
      long dropComputedBefore,
      int maxSets) {
    try {
      return store
          .saveAnalytics(
              c -> {
                createBaselinesTable(c);
                if (!set.isEmpty()) {
                  try (PreparedStatement del =
                      c.prepareStatement(
                          "DELETE FROM analytics_baselines WHERE workflow_id = ? AND scale = ?"
                              + " AND window_start = ? AND window_end = ?")) {
                    del.setString(1, workflowId);
                    del.setString(2, scale);
                    del.setLong(3, set.get(0).windowStart());
                    del.setLong(4, set.get(0).windowEnd());
                    del.executeUpdate();
                  }
                }
                try (PreparedStatement ins =
                    c.prepareStatement(
                        "INSERT INTO analytics_baselines(workflow_id, node_id, scale,"
                            + " window_start, window_end, n, median, mad, mean_abs_dev,"
                            + " computed_at) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
                  for (BaselineRow b : set) {
                    ins.setString(1, workflowId);
                    ins.setString(2, b.nodeId());
                    ins.setString(3, scale);
                    ins.setLong(4, b.windowStart());
                    ins.setLong(5, b.windowEnd());
                    ins.setInt(6, b.n());
                    ins.setDouble(7, b.median());
                    ins.setDouble(8, b.mad());
                    ins.setDouble(9, b.meanAbsDev());
                    ins.setLong(10, b.computedAt());
                    ins.addBatch();
                  }
                  ins.executeBatch();
                }
                try (PreparedStatement drop =
                    c.prepareStatement(
                        "DELETE FROM analytics_baselines WHERE workflow_id = ? AND scale = ?"
                            + " AND (computed_at < ? OR (window_start, window_end) NOT IN"
                            + " (SELECT window_start, window_end FROM analytics_baselines"
                            + " WHERE workflow_id = ? AND scale = ? GROUP BY 1, 2"
                            + " ORDER BY max(computed_at) DESC, 2 DESC LIMIT ?))")) {
                  drop.setString(1, workflowId);
                  drop.setString(2, scale);
                  drop.setLong(3, dropComputedBefore);
                  drop.setString(4, workflowId);
                  drop.setString(5, scale);
                  drop.setInt(6, maxSets);
                  drop.executeUpdate();
                }
                return true;
              })
          .orElse(false);
    } catch (StoreException e) {
      return false;
    }
  }

  /**
   * Creates {@code analytics_baselines}, or makes it anew when it has the first layout, which kept
   * one set per workflow and scale (primary key without the window): its rows are only a cache.
   */
  private static void createBaselinesTable(Connection c) throws SQLException {
    boolean firstLayout;
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT pk FROM pragma_table_info('analytics_baselines')"
                    + " WHERE name = 'window_end'")) {
      firstLayout = rs.next() && rs.getInt(1) == 0;
    }
    if (firstLayout) {
      execute(c, "DROP TABLE analytics_baselines");
    }
    execute(c, BASELINES_DDL);
  }

  /** Every insight marked implemented, oldest first. */
  public List<ImplementedInsightRow> implementedInsights() {
    if (!tableExists("analytics_insights_implemented")) {
      return List.of();
    }
    return store.read(
        c -> {
          List<ImplementedInsightRow> rows = new ArrayList<>();
          try (Statement st = c.createStatement();
              ResultSet rs =
                  st.executeQuery(
                      "SELECT insight_id, workflow_id, node_id, category, subject, title, metric,"
                          + " before_value, implemented_at, note FROM"
                          + " analytics_insights_implemented ORDER BY implemented_at, insight_id")) {
            while (rs.next()) {
              rows.add(
                  new ImplementedInsightRow(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getString(6),
                      rs.getString(7),
                      rs.getDouble(8),
                      rs.getLong(9),
                      rs.getString(10)));
            }
          }
          return rows;
        });
  }

  /**
   * Records an implemented insight unless one with its id is recorded already (the first record is
   * never replaced: its time and value anchor the before/after measurement).
   *
   * @return whether the row was written (false: a record with that id was there)
   * @throws InvalidInputException when the store cannot be written
   */
  public boolean recordImplemented(ImplementedInsightRow row) {
    if (!store.isWritable()) {
      throw new InvalidInputException(
          "cannot record the insight: " + store.path() + " is not writable");
    }
    return store.writeAnalytics(
        c -> {
          execute(c, IMPLEMENTED_DDL);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO analytics_insights_implemented(insight_id, workflow_id,"
                      + " node_id, category, subject, title, metric, before_value,"
                      + " implemented_at, note) VALUES (?,?,?,?,?,?,?,?,?,?)"
                      + " ON CONFLICT(insight_id) DO NOTHING")) {
            ps.setString(1, row.insightId());
            ps.setString(2, row.workflowId());
            setNullable(ps, 3, row.nodeId());
            ps.setString(4, row.category());
            setNullable(ps, 5, row.subject());
            ps.setString(6, row.title());
            ps.setString(7, row.metric());
            ps.setDouble(8, row.beforeValue());
            ps.setLong(9, row.implementedAt());
            setNullable(ps, 10, row.note());
            return ps.executeUpdate() == 1;
          }
        });
  }

  /** The key/value pairs of {@code analytics_meta} (e.g. {@code synthetic}); empty if none. */
  public Map<String, String> meta() {
    if (!tableExists("analytics_meta")) {
      return Map.of();
    }
    return store.read(
        c -> {
          Map<String, String> meta = new LinkedHashMap<>();
          try (Statement st = c.createStatement();
              ResultSet rs =
                  st.executeQuery("SELECT key, value FROM analytics_meta ORDER BY key")) {
            while (rs.next()) {
              meta.put(rs.getString(1), rs.getString(2));
            }
          }
          return meta;
        });
  }

  /** Whether {@code generate} wrote this store ({@code analytics_meta.synthetic = true}). */
  public boolean isSynthetic() {
    return "true".equals(meta().get("synthetic"));
  }

  private boolean tableExists(String name) {
    return store.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next();
            }
          }
        });
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static void setNullable(PreparedStatement ps, int i, String v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.VARCHAR);
    } else {
      ps.setString(i, v);
    }
  }
}
