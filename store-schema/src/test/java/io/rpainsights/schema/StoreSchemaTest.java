package io.rpainsights.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreSchemaTest {

  @TempDir Path dir;

  private Connection open(String name) throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(name));
  }

  @Test
  void newStoreGetsEveryDocumentedTableAndTheCurrentVersion() throws Exception {
    try (Connection c = open("new.db")) {
      assertThat(StoreSchema.createOrMigrate(c)).isZero();
      assertThat(StoreSchema.userVersion(c)).isEqualTo(StoreSchema.VERSION);
      assertThat(StoreSchema.hasDocumentedTables(c)).isTrue();
      assertThat(columns(c, "steps"))
          .containsSubsequence(
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
              "error_message");
      assertThat(columns(c, "executions"))
          .containsSubsequence(
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
              "error_message");
    }
  }

  @Test
  void reopeningIsIdempotentAndKeepsRows() throws Exception {
    try (Connection c = open("again.db")) {
      StoreSchema.createOrMigrate(c);
      try (Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO executions(execution_id, workflow_id, started_at, status)"
                + " VALUES ('e1', 'w', 1, 'running')");
      }
      assertThat(StoreSchema.createOrMigrate(c)).isEqualTo(StoreSchema.VERSION);
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT count(*) FROM executions")) {
        r.next();
        assertThat(r.getInt(1)).isEqualTo(1);
      }
    }
  }

  @Test
  void aForeignDatabaseIsNotOurs() throws Exception {
    try (Connection c = open("foreign.db")) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE invoices(id INTEGER)");
      }
      assertThat(StoreSchema.hasDocumentedTables(c)).isFalse();
    }
  }

  @ParameterizedTest(name = "user_version {0}")
  @ValueSource(ints = {0, 1})
  void aStoreWithExactlyTheDocumentedTablesGetsTheAgentsAdditions(int userVersion)
      throws Exception {
    try (Connection c = open("other-writer-" + userVersion + ".db")) {
      try (Statement s = c.createStatement()) {
        // DESIGN.md's schema as another writer (a Python bot) would create it.
        s.execute(
            "CREATE TABLE executions(execution_id TEXT PRIMARY KEY, workflow_id TEXT NOT NULL,"
                + " parent_execution_id TEXT, host TEXT, started_at INTEGER NOT NULL,"
                + " completed_at INTEGER, duration_ms REAL, status TEXT NOT NULL,"
                + " steps_total INTEGER, steps_completed INTEGER, steps_failed INTEGER,"
                + " steps_recovered INTEGER, error_type TEXT, error_message TEXT)");
        s.execute(
            "CREATE TABLE steps(id INTEGER PRIMARY KEY, execution_id TEXT NOT NULL,"
                + " workflow_id TEXT NOT NULL, node_id TEXT, action_type TEXT,"
                + " step_number INTEGER, started_at INTEGER NOT NULL, duration_ms REAL NOT NULL,"
                + " status TEXT NOT NULL, error_type TEXT, error_message TEXT)");
        s.execute(
            "CREATE TABLE recoveries(id INTEGER PRIMARY KEY, execution_id TEXT,"
                + " workflow_id TEXT, node_id TEXT, strategy TEXT, success INTEGER NOT NULL,"
                + " started_at INTEGER NOT NULL, duration_ms REAL NOT NULL, error_message TEXT)");
        s.execute(
            "CREATE TABLE resources(ts INTEGER NOT NULL, host TEXT, process_cpu_pct REAL,"
                + " system_cpu_pct REAL, process_rss_bytes INTEGER, heap_used_bytes INTEGER,"
                + " system_mem_used_bytes INTEGER, disk_read_bytes INTEGER,"
                + " disk_write_bytes INTEGER, gpu_util_pct REAL, gpu_mem_used_bytes INTEGER,"
                + " running_executions INTEGER)");
        s.execute(
            "CREATE TABLE timers(ts INTEGER NOT NULL, name TEXT NOT NULL, labels TEXT,"
                + " duration_ms REAL NOT NULL, success INTEGER NOT NULL, error_type TEXT)");
        s.execute("INSERT INTO timers VALUES (1, 'ocr', NULL, 2.5, 1, NULL)");
        s.execute("PRAGMA user_version = " + userVersion);
      }

      StoreSchema.createOrMigrate(c);

      assertThat(columns(c, "timers")).endsWith("vals");
      assertThat(columns(c, "agent_health")).contains("events_dropped", "queue_depth");
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT count(*), max(vals) FROM timers")) {
        r.next();
        assertThat(r.getInt(1)).isOne();
        assertThat(r.getString(2)).isNull();
      }
      assertThat(StoreSchema.createOrMigrate(c)).isEqualTo(StoreSchema.VERSION); // idempotent
    }
  }

  @Test
  void documentedColumnsMatchWhatVersionOneCreatesAndMissingOnesAreNamed() throws Exception {
    try (Connection c = open("cols.db")) {
      StoreSchema.createOrMigrate(c);
      assertThat(StoreSchema.missingDocumentedColumns(c)).isEmpty();
      for (String table : StoreSchema.DOCUMENTED_TABLES) {
        assertThat(columns(c, table)).containsAll(StoreSchema.DOCUMENTED_COLUMNS.get(table));
      }
      try (Statement s = c.createStatement()) {
        s.execute("ALTER TABLE steps DROP COLUMN action_type");
        s.execute("ALTER TABLE executions DROP COLUMN host");
      }
      assertThat(StoreSchema.missingDocumentedColumns(c))
          .containsExactly(
              java.util.Map.entry("executions", List.of("host")),
              java.util.Map.entry("steps", List.of("action_type")));
    }
  }

  private static List<String> columns(Connection c, String table) throws Exception {
    List<String> names = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA table_info(" + table + ")")) {
      while (r.next()) {
        names.add(r.getString("name"));
      }
    }
    return names;
  }
}
