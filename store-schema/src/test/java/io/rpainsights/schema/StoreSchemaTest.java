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
