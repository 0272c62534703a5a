package io.rpainsights.bench.probe;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An experiment, not the product's schema: the same rows as a store the agent wrote, with every
 * repeated name of a step row (workflow, node, action, status) replaced by the id of a row of a
 * {@code names} table and the execution id by its {@code executions} rowid, in a table {@code
 * step_data} with the same two indexes on those integers; {@code steps} becomes a view that joins
 * them back, so that every documented column still reads the same. It answers how much of the store
 * size is the documented TEXT columns (and the indexes over them) and what reading through such a
 * view costs, for the decision the store-size target needs (BENCHMARKS.md, store size).
 *
 * <p>Left out because they do not change the figures: the INSTEAD OF triggers that other writers
 * would need to insert into the view, and migration of existing stores.
 */
final class DictionaryLayout {

  private static final String[] SCHEMA = {
    "CREATE TABLE names(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)",
    "CREATE TABLE step_data(id INTEGER PRIMARY KEY, execution_ref INTEGER NOT NULL,"
        + " workflow_ref INTEGER NOT NULL, node_ref INTEGER, action_ref INTEGER,"
        + " step_number INTEGER, started_at INTEGER NOT NULL, duration_ms REAL NOT NULL,"
        + " status_ref INTEGER NOT NULL, error_type TEXT, error_message TEXT)",
    "CREATE INDEX step_data_execution ON step_data(execution_ref)",
    "CREATE INDEX step_data_workflow_started ON step_data(workflow_ref, started_at)",
  };

  private static final String VIEW =
      "CREATE VIEW steps AS SELECT s.id AS id, e.execution_id AS execution_id,"
          + " w.name AS workflow_id, n.name AS node_id, a.name AS action_type,"
          + " s.step_number AS step_number, s.started_at AS started_at,"
          + " s.duration_ms AS duration_ms, st.name AS status, s.error_type AS error_type,"
          + " s.error_message AS error_message FROM step_data s"
          + " JOIN executions e ON e.rowid = s.execution_ref"
          + " JOIN names w ON w.id = s.workflow_ref LEFT JOIN names n ON n.id = s.node_ref"
          + " LEFT JOIN names a ON a.id = s.action_ref JOIN names st ON st.id = s.status_ref";

  /** One workflow's steps in a time range: the read that analytics' step queries make. */
  private static final String WORKFLOW_READ =
      "SELECT execution_id, node_id, action_type, step_number, duration_ms, status FROM steps"
          + " WHERE workflow_id = ? AND started_at >= ? AND started_at < ?";

  private DictionaryLayout() {}

  /**
   * Writes {@code target}: the executions and every other table of {@code source} as they are, the
   * steps dictionary-coded in id order, in one transaction, then the view.
   */
  static void copy(Path source, Path target) throws Exception {
    Stores.delete(target);
    try (Connection connection = Stores.open(target);
        Statement statement = connection.createStatement()) {
      statement.execute("ATTACH DATABASE '" + source.toAbsolutePath() + "' AS agent");
      connection.setAutoCommit(false);
      List<String> documented = new ArrayList<>();
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT type, name, sql FROM agent.sqlite_master WHERE sql IS NOT NULL"
                  + " AND name NOT LIKE 'steps%' AND name NOT LIKE 'sqlite%' ORDER BY type DESC")) {
        while (rows.next()) {
          documented.add(rows.getString(3)); // tables first ("table" > "index"), then indexes
        }
      }
      for (String sql : documented) {
        statement.execute(sql);
      }
      statement.execute("INSERT INTO executions SELECT * FROM agent.executions");
      for (String sql : SCHEMA) {
        statement.execute(sql);
      }
      statement.execute(
          "INSERT OR IGNORE INTO names(name) SELECT value FROM (SELECT workflow_id AS value FROM"
              + " agent.steps UNION SELECT node_id FROM agent.steps UNION SELECT action_type FROM"
              + " agent.steps UNION SELECT status FROM agent.steps) WHERE value IS NOT NULL"
              + " ORDER BY value");
      statement.execute(
          "INSERT INTO step_data SELECT s.id, e.rowid, w.id, n.id, a.id, s.step_number,"
              + " s.started_at, s.duration_ms, st.id, s.error_type, s.error_message"
              + " FROM agent.steps s JOIN executions e ON e.execution_id = s.execution_id"
              + " JOIN names w ON w.name = s.workflow_id LEFT JOIN names n ON n.name = s.node_id"
              + " LEFT JOIN names a ON a.name = s.action_type JOIN names st ON st.name = s.status"
              + " ORDER BY s.id");
      statement.execute(VIEW);
      connection.commit();
      connection.setAutoCommit(true);
      statement.execute("DETACH DATABASE agent");
    }
  }

  /**
   * Reads every workflow's steps through {@code steps} in each store, alternating between them for
   * {@code rounds} rounds (so that JIT warm-up and the machine's noise fall on both), and prints
   * the best round of each as nanoseconds per row read: {@code SIZE_DICTIONARY_READ
   * table_ns_per_row=... view_ns_per_row=... rows=...}.
   */
  static void compareReads(Path table, Path view, int rounds) throws Exception {
    try (Reader tableReader = new Reader(table);
        Reader viewReader = new Reader(view)) {
      long tableBest = Long.MAX_VALUE;
      long viewBest = Long.MAX_VALUE;
      for (int round = 0; round < rounds; round++) {
        tableBest = Math.min(tableBest, tableReader.readAll());
        viewBest = Math.min(viewBest, viewReader.readAll());
      }
      if (tableReader.rowsRead != viewReader.rowsRead) {
        throw new IllegalStateException(
            "the view read " + viewReader.rowsRead + " rows, the table " + tableReader.rowsRead);
      }
      System.out.printf(
          Locale.ROOT,
          "SIZE_DICTIONARY_READ table_ns_per_row=%.0f view_ns_per_row=%.0f rows=%d rounds=%d%n",
          (double) tableBest / tableReader.rowsRead,
          (double) viewBest / viewReader.rowsRead,
          tableReader.rowsRead,
          rounds);
    }
  }

  /** One store's steps, read workflow by workflow with the query analytics makes. */
  private static final class Reader implements AutoCloseable {
    private final Path file;
    private final Connection connection;
    private final PreparedStatement read;
    private final List<String> workflows = new ArrayList<>();
    long rowsRead;

    Reader(Path file) throws SQLException {
      this.file = file;
      this.connection = Stores.open(file);
      try (Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery("SELECT DISTINCT workflow_id FROM executions ORDER BY 1")) {
        while (rows.next()) {
          workflows.add(rows.getString(1));
        }
      }
      this.read = connection.prepareStatement(WORKFLOW_READ);
    }

    /** Reads every row once, touching each column; returns the nanoseconds it took. */
    long readAll() throws SQLException {
      long start = System.nanoTime();
      long count = 0;
      double checksum = 0;
      for (String workflow : workflows) {
        read.setString(1, workflow);
        read.setLong(2, Long.MIN_VALUE);
        read.setLong(3, Long.MAX_VALUE);
        try (ResultSet rows = read.executeQuery()) {
          while (rows.next()) {
            checksum += rows.getString(1).length() + rows.getString(2).length();
            checksum += rows.getString(3).length() + rows.getInt(4) + rows.getDouble(5);
            checksum += rows.getString(6).length();
            count++;
          }
        }
      }
      long elapsed = System.nanoTime() - start;
      if (checksum == 0) {
        throw new IllegalStateException("nothing was read from " + file);
      }
      rowsRead = count;
      return elapsed;
    }

    @Override
    public void close() throws SQLException {
      read.close();
      connection.close();
    }
  }
}
