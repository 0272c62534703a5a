package io.rpainsights.analytics.testing;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * DESIGN.md's tables exactly as documented, as another producer (a Python bot, say) would create
 * them: none of the agent's additions, no indexes. Written out here rather than taken from the
 * store-schema module, so that tests compare the product against the document, not against itself.
 */
public final class DesignTables {
  public static final String EXECUTION_COLUMNS =
      "execution_id TEXT PRIMARY KEY, workflow_id TEXT NOT NULL, parent_execution_id TEXT,"
          + " host TEXT, started_at INTEGER NOT NULL, completed_at INTEGER, duration_ms REAL,"
          + " status TEXT NOT NULL, steps_total INTEGER, steps_completed INTEGER,"
          + " steps_failed INTEGER, steps_recovered INTEGER, error_type TEXT, error_message TEXT";
  public static final String STEP_COLUMNS =
      "id INTEGER PRIMARY KEY, execution_id TEXT NOT NULL, workflow_id TEXT NOT NULL,"
          + " node_id TEXT, action_type TEXT, step_number INTEGER, started_at INTEGER NOT NULL,"
          + " duration_ms REAL NOT NULL, status TEXT NOT NULL, error_type TEXT, error_message TEXT";

  private static final String[] OTHER_TABLES = {
    "CREATE TABLE recoveries(id INTEGER PRIMARY KEY, execution_id TEXT, workflow_id TEXT,"
        + " node_id TEXT, strategy TEXT, success INTEGER NOT NULL,"
        + " started_at INTEGER NOT NULL, duration_ms REAL NOT NULL, error_message TEXT)",
    "CREATE TABLE resources(ts INTEGER NOT NULL, host TEXT, process_cpu_pct REAL,"
        + " system_cpu_pct REAL, process_rss_bytes INTEGER, heap_used_bytes INTEGER,"
        + " system_mem_used_bytes INTEGER, disk_read_bytes INTEGER,"
        + " disk_write_bytes INTEGER, gpu_util_pct REAL, gpu_mem_used_bytes INTEGER,"
        + " running_executions INTEGER)",
    "CREATE TABLE timers(ts INTEGER NOT NULL, name TEXT NOT NULL, labels TEXT,"
        + " duration_ms REAL NOT NULL, success INTEGER NOT NULL, error_type TEXT)"
  };

  private DesignTables() {}

  /** Creates the five documented tables. */
  public static void create(Statement st) throws SQLException {
    create(st, EXECUTION_COLUMNS, STEP_COLUMNS);
  }

  /** Creates them with the given column lists for executions and steps (e.g. one left out). */
  public static void create(Statement st, String executionColumns, String stepColumns)
      throws SQLException {
    st.execute("CREATE TABLE executions(" + executionColumns + ")");
    st.execute("CREATE TABLE steps(" + stepColumns + ")");
    for (String table : OTHER_TABLES) {
      st.execute(table);
    }
  }
}
