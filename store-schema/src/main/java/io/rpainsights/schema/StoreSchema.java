package io.rpainsights.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SQLite store's schema: the documented tables (DESIGN.md, "Database schema"), their indexes,
 * and the migrations that bring an older store up to {@link #VERSION}.
 *
 * <p>The documented tables and columns are a stable interface that other writers (a Python bot, a
 * test fixture) may produce too, so readers must rely on them alone. Columns and tables added here
 * beyond the documented ones are nullable or defaulted, so a writer that does not know them still
 * inserts valid rows.
 */
public final class StoreSchema {

  /** The schema version this code writes; stored in {@code PRAGMA user_version}. */
  public static final int VERSION = 1;

  /** The tables of the documented interface, in the order readers usually need them. */
  public static final List<String> DOCUMENTED_TABLES =
      List.of("executions", "steps", "recoveries", "resources", "timers");

  /**
   * The documented columns of each documented table, as DESIGN.md lists them. Our additions (such
   * as {@code timers.vals}) are not among them: a store written by another producer lacks them.
   */
  public static final Map<String, List<String>> DOCUMENTED_COLUMNS =
      Map.of(
          "executions",
          List.of(
              "execution_id",
              "workflow_id",
              "parent_execution_id",
              "host",
              "started_at",
              "completed_at",
              "duration_ms",
              "status",
              "steps_total",
              "steps_completed",
              "steps_failed",
              "steps_recovered",
              "error_type",
              "error_message"),
          "steps",
          List.of(
              "id",
              "execution_id",
              "workflow_id",
              "node_id",
              "action_type",
              "step_number",
              "started_at",
              "duration_ms",
              "status",
              "error_type",
              "error_message"),
          "recoveries",
          List.of(
              "id",
              "execution_id",
              "workflow_id",
              "node_id",
              "strategy",
              "success",
              "started_at",
              "duration_ms",
              "error_message"),
          "resources",
          List.of(
              "ts",
              "host",
              "process_cpu_pct",
              "system_cpu_pct",
              "process_rss_bytes",
              "heap_used_bytes",
              "system_mem_used_bytes",
              "disk_read_bytes",
              "disk_write_bytes",
              "gpu_util_pct",
              "gpu_mem_used_bytes",
              "running_executions"),
          "timers",
          List.of("ts", "name", "labels", "duration_ms", "success", "error_type"));

  // The agent's own health, one row per agent run and reporting interval (an addition).
  private static final String CREATE_AGENT_HEALTH =
      "CREATE TABLE IF NOT EXISTS agent_health("
          + "ts INTEGER NOT NULL, host TEXT, pid INTEGER, agent_started_at INTEGER,"
          + " events_recorded INTEGER, events_dropped INTEGER, unattributed INTEGER,"
          + " extractor_errors INTEGER, write_errors INTEGER, queue_depth INTEGER)";

  // Version 1. Each statement is idempotent so a crash half-way through creation is repaired by
  // the next open. Indexes: per-workflow time ranges (analytics), per-execution lookups (step
  // rows of one execution, counters), running executions (live view), plain time for retention.
  private static final List<String> V1 =
      List.of(
          "CREATE TABLE IF NOT EXISTS executions("
              + "execution_id TEXT PRIMARY KEY, workflow_id TEXT NOT NULL, parent_execution_id TEXT,"
              + " host TEXT, started_at INTEGER NOT NULL, completed_at INTEGER, duration_ms REAL,"
              + " status TEXT NOT NULL, steps_total INTEGER, steps_completed INTEGER,"
              + " steps_failed INTEGER, steps_recovered INTEGER, error_type TEXT, error_message TEXT)",
          "CREATE INDEX IF NOT EXISTS executions_workflow_started"
              + " ON executions(workflow_id, started_at)",
          "CREATE INDEX IF NOT EXISTS executions_started ON executions(started_at)",
          "CREATE INDEX IF NOT EXISTS executions_running ON executions(status)"
              + " WHERE status = 'running'",
          "CREATE TABLE IF NOT EXISTS steps("
              + "id INTEGER PRIMARY KEY, execution_id TEXT NOT NULL, workflow_id TEXT NOT NULL,"
              + " node_id TEXT, action_type TEXT, step_number INTEGER, started_at INTEGER NOT NULL,"
              + " duration_ms REAL NOT NULL, status TEXT NOT NULL, error_type TEXT,"
              + " error_message TEXT)",
          "CREATE INDEX IF NOT EXISTS steps_execution ON steps(execution_id)",
          "CREATE INDEX IF NOT EXISTS steps_workflow_started ON steps(workflow_id, started_at)",
          "CREATE TABLE IF NOT EXISTS recoveries("
              + "id INTEGER PRIMARY KEY, execution_id TEXT, workflow_id TEXT, node_id TEXT,"
              + " strategy TEXT, success INTEGER NOT NULL, started_at INTEGER NOT NULL,"
              + " duration_ms REAL NOT NULL, error_message TEXT)",
          "CREATE INDEX IF NOT EXISTS recoveries_workflow_started"
              + " ON recoveries(workflow_id, started_at)",
          "CREATE TABLE IF NOT EXISTS resources("
              + "ts INTEGER NOT NULL, host TEXT, process_cpu_pct REAL, system_cpu_pct REAL,"
              + " process_rss_bytes INTEGER, heap_used_bytes INTEGER, system_mem_used_bytes INTEGER,"
              + " disk_read_bytes INTEGER, disk_write_bytes INTEGER, gpu_util_pct REAL,"
              + " gpu_mem_used_bytes INTEGER, running_executions INTEGER)",
          "CREATE INDEX IF NOT EXISTS resources_ts ON resources(ts)",
          // vals: the timer's extracted numeric values as a JSON object (an addition).
          "CREATE TABLE IF NOT EXISTS timers("
              + "ts INTEGER NOT NULL, name TEXT NOT NULL, labels TEXT, duration_ms REAL NOT NULL,"
              + " success INTEGER NOT NULL, error_type TEXT, vals TEXT)",
          "CREATE INDEX IF NOT EXISTS timers_name_ts ON timers(name, ts)",
          CREATE_AGENT_HEALTH);

  /** Migrations by the version they produce: {@code MIGRATIONS.get(v - 1)} brings v-1 to v. */
  private static final List<List<String>> MIGRATIONS = List.of(V1);

  private StoreSchema() {}

  /**
   * Creates the schema in an empty store, or migrates an older one to {@link #VERSION}, each
   * migration step in a transaction of its own. A store from a newer version is left as it is: its
   * documented tables are still valid to write.
   *
   * @return the version the store had before
   */
  public static int createOrMigrate(Connection connection) throws SQLException {
    int before = userVersion(connection);
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      // A store written by another producer may carry tables but no user_version; the
      // statements are idempotent, so version 1 is (re)applied safely in that case.
      for (int version = Math.max(before, 0) + 1; version <= VERSION; version++) {
        for (String sql : MIGRATIONS.get(version - 1)) {
          statement.execute(sql);
        }
        statement.execute("PRAGMA user_version = " + version);
        connection.commit();
      }
      if (addMissingAdditions(connection, statement)) {
        connection.commit();
      }
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
    return before;
  }

  /**
   * Our additions to the documented tables, which a store created by another writer (with exactly
   * the documented schema, whatever user_version it set) lacks: the version-1 statements above
   * create missing tables but cannot add a column to an existing one.
   *
   * @return whether anything was added
   */
  private static boolean addMissingAdditions(Connection connection, Statement statement)
      throws SQLException {
    boolean added = false;
    if (!columnsOf(connection, "timers").contains("vals")) {
      statement.execute("ALTER TABLE timers ADD COLUMN vals TEXT");
      added = true;
    }
    if (!tableNames(connection).contains("agent_health")) {
      statement.execute(CREATE_AGENT_HEALTH);
      added = true;
    }
    return added;
  }

  private static List<String> columnsOf(Connection connection, String table) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA table_info(" + table + ")")) {
      while (rows.next()) {
        names.add(rows.getString("name"));
      }
    }
    return names;
  }

  private static List<String> tableNames(Connection connection) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }

  /** The store's {@code PRAGMA user_version}; 0 for a new file or one no migration has touched. */
  public static int userVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
      return rows.next() ? rows.getInt(1) : 0;
    }
  }

  /**
   * Whether the store holds every documented table: the test analytics applies before reading a
   * file, so that "a database that is not ours" gives a clear error instead of a failed query.
   */
  public static boolean hasDocumentedTables(Connection connection) throws SQLException {
    return tableNames(connection).containsAll(DOCUMENTED_TABLES);
  }

  /**
   * The documented columns that the store's documented tables lack, by table in {@link
   * #DOCUMENTED_TABLES} order (tables with nothing missing, and tables that are absent altogether,
   * are left out); empty for a complete store. Readers select documented columns by name, so a
   * store without one cannot be read, whichever producer wrote it.
   */
  public static Map<String, List<String>> missingDocumentedColumns(Connection connection)
      throws SQLException {
    Map<String, List<String>> missing = new LinkedHashMap<>();
    for (String table : DOCUMENTED_TABLES) {
      // SQLite matches column names case-insensitively, so a producer's "Action_Type" will do.
      List<String> present = new ArrayList<>();
      for (String name : columnsOf(connection, table)) {
        present.add(name.toLowerCase(Locale.ROOT));
      }
      if (present.isEmpty()) {
        continue;
      }
      List<String> lacking = new ArrayList<>(DOCUMENTED_COLUMNS.get(table));
      lacking.removeAll(present);
      if (!lacking.isEmpty()) {
        missing.put(table, List.copyOf(lacking));
      }
    }
    return missing;
  }
}
