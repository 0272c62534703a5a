package io.rpainsights.analytics.store;

import static io.rpainsights.analytics.testing.StoreFixture.ago;
import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.analytics.testing.StoreFixture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names cross JDBC as dictionary codes; what comes out must be exactly what is stored. */
class StoreReaderTest {
  @TempDir Path dir;

  @Test
  void codedNamesDecodeToTheStoredTextOnFirstAndLaterReads() throws Exception {
    Path db = dir.resolve("d.db");
    try (StoreFixture f = StoreFixture.create(db)) {
      for (int i = 0; i < 200; i++) {
        long t = ago(Duration.ofMinutes(10 + i));
        String status = i % 17 == 0 ? "SUCCESS" : i % 5 == 0 ? "failed" : "success";
        f.execution("e" + i, "w" + (i % 3), t, 10.0 + i, status);
        // 150 distinct node ids in w0: more than a dictionary codes.
        String node = i % 11 == 0 ? null : "node-" + (i % 3 == 0 ? i : i % 4);
        f.step(
            "e" + i,
            "w" + (i % 3),
            node,
            i % 7 == 0 ? null : "act" + (i % 2),
            1,
            t,
            5.0 + i,
            i % 13 == 0 ? "weird" : "success",
            i % 5 == 0 ? "E" : null);
      }
    }
    List<String> expectedSteps =
        direct(
            db,
            "SELECT execution_id, workflow_id, node_id, action_type, step_number, started_at,"
                + " duration_ms, status, error_type FROM steps ORDER BY id");
    List<String> expectedExecutions =
        direct(
            db,
            "SELECT execution_id, workflow_id, host, started_at, duration_ms, status FROM executions"
                + " ORDER BY execution_id");
    Window window = Window.last(Duration.ofDays(1), StoreFixture.NOW);
    try (Store store = Store.open(db)) {
      StoreReader reader = new StoreReader(store);
      for (int pass = 0; pass < 3; pass++) {
        List<String> steps = new ArrayList<>();
        reader.steps(
            RowFilter.of(null, window),
            Detail.IDS,
            r ->
                steps.add(
                    String.join(
                        "|",
                        r.executionId(),
                        r.workflowId(),
                        String.valueOf(r.nodeId()),
                        String.valueOf(r.actionType()),
                        String.valueOf(r.stepNumber()),
                        String.valueOf(r.startedAt()),
                        String.valueOf(r.durationMs()),
                        r.status(),
                        String.valueOf(r.errorType()))));
        steps.sort(null);
        List<String> sortedExpected = new ArrayList<>(expectedSteps);
        sortedExpected.sort(null);
        assertThat(steps).as("pass " + pass).containsExactlyElementsOf(sortedExpected);

        List<String> executions = new ArrayList<>();
        RowFilter all = new RowFilter(null, null, window, null);
        reader.executions(
            all,
            Detail.IDS,
            r ->
                executions.add(
                    String.join(
                        "|",
                        r.executionId(),
                        r.workflowId(),
                        r.host(),
                        String.valueOf(r.startedAt()),
                        String.valueOf(r.durationMs()),
                        r.status())));
        executions.sort(null);
        List<String> exp = new ArrayList<>(expectedExecutions);
        exp.sort(null);
        assertThat(executions).as("pass " + pass).containsExactlyElementsOf(exp);
      }
    }
  }

  private static List<String> direct(Path db, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          cells.add(String.valueOf(rs.getObject(i)));
        }
        rows.add(String.join("|", cells));
      }
    }
    return rows;
  }
}
