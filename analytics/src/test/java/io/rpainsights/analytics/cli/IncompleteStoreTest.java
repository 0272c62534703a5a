package io.rpainsights.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.analytics.testing.CliRun;
import io.rpainsights.analytics.testing.DesignTables;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store written by another producer that left out a documented column is bad input (one line
 * naming the table and the column, exit 2); one that has exactly the documented columns, without
 * our additions ({@code timers.vals}, {@code agent_health}), is read as usual.
 */
class IncompleteStoreTest {
  @TempDir Path dir;

  private static final String EXECUTIONS = DesignTables.EXECUTION_COLUMNS;
  private static final String STEPS = DesignTables.STEP_COLUMNS;

  /** Creates the documented tables, with the two given column lists for executions and steps. */
  private Path store(String name, String executions, String steps) throws Exception {
    Path db = dir.resolve(name);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      DesignTables.create(st, executions, steps);
      long t = io.rpainsights.analytics.testing.StoreFixture.NOW.toEpochMilli() - 3_600_000;
      st.execute(
          "INSERT INTO executions(execution_id, workflow_id, started_at, completed_at,"
              + " duration_ms, status) VALUES ('e1', 'w', "
              + t
              + ", "
              + (t + 1000)
              + ", 1000, 'success')");
      st.execute(
          "INSERT INTO steps(execution_id, workflow_id, node_id, step_number, started_at,"
              + " duration_ms, status) VALUES ('e1', 'w', 'ocr', 1, "
              + t
              + ", 900, 'success')");
    }
    return db;
  }

  @Test
  void stepsWithoutActionTypeIsOneLineNamingTableAndColumnAndExitTwo() throws Exception {
    Path db = store("no-action.db", EXECUTIONS, STEPS.replace(" action_type TEXT,", ""));
    for (String[] command :
        new String[][] {
          {"bottlenecks", "--workflow", "w"},
          {"degradation", "--workflow", "w"},
          {"stats", "--by", "step"},
          {"stats"},
          {"insights"},
        }) {
      String[] args = append(command, "--db", db.toString());
      CliRun r = CliRun.run(args);
      StatsCommandTest.assertBadInput(r, "table steps lacks the documented column action_type");
    }
  }

  @Test
  void executionsWithoutHostIsOneLineNamingTableAndColumnAndExitTwo() throws Exception {
    Path db =
        store(
            "no-host.db",
            EXECUTIONS.replace(" host TEXT,", ""),
            STEPS.replace(" action_type TEXT,", ""));
    CliRun r = CliRun.run("live", "--db", db.toString());
    StatsCommandTest.assertBadInput(
        r, "table executions lacks the documented column host; table steps lacks");
  }

  @Test
  void exactlyTheDocumentedColumnsWithoutOurAdditionsIsReadAsUsual() throws Exception {
    Path db = store("documented.db", EXECUTIONS, STEPS);
    CliRun r = CliRun.run("bottlenecks", "--db", db.toString(), "--workflow", "w");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("ocr");
  }

  private static String[] append(String[] head, String... tail) {
    String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }
}
