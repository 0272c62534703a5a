package io.rpainsights.bench.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.agent.collect.AgentHealth;
import io.rpainsights.agent.event.Event;
import io.rpainsights.agent.event.ExecutionFinished;
import io.rpainsights.agent.event.ExecutionStarted;
import io.rpainsights.agent.event.StepRecord;
import io.rpainsights.agent.store.SqliteStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DictionaryLayoutTest {

  @TempDir Path dir;

  @Test
  void theViewReadsBackEveryStepColumnAsTheAgentWroteIt() throws Exception {
    Path agentStore = dir.resolve("agent.db");
    SqliteStore store = SqliteStore.open(agentStore, "host", new AgentHealth());
    try {
      List<Event> events = new ArrayList<>();
      events.add(new ExecutionStarted("e-1", "invoices", null, 1_000L, 3));
      events.add(step("e-1", "invoices", "open", "navigate", 1, 1_000L, 12.5, "success"));
      events.add(new ExecutionStarted("e-2", "payroll", null, 1_005L, null));
      StepRecord failed =
          new StepRecord(
              "e-1",
              "invoices",
              null,
              null,
              2,
              1_013L,
              3.25,
              StepRecord.FAILED,
              "java.io.IOException",
              "disk full — ünïcode",
              false);
      events.add(failed);
      events.add(step("e-2", "payroll", "open", "navigate", 1, 1_006L, 0.001, "recovered"));
      events.add(
          new ExecutionFinished(
              "e-1", "invoices", 1_020L, 20.0, ExecutionFinished.FAILED, 1, 1, 0, 2, null, null));
      store.accept(events);
    } finally {
      store.close();
    }
    Path dictionary = dir.resolve("dictionary.db");

    DictionaryLayout.copy(agentStore, dictionary);

    List<List<Object>> written = allSteps(agentStore);
    assertThat(written).hasSize(3);
    assertThat(allSteps(dictionary)).isEqualTo(written);
  }

  private static StepRecord step(
      String execution,
      String workflow,
      String node,
      String action,
      int number,
      long startedAt,
      double durationMs,
      String status) {
    return new StepRecord(
        execution,
        workflow,
        node,
        action,
        number,
        startedAt,
        durationMs,
        status,
        null,
        null,
        false);
  }

  /** Every column of every step row, in id order, with SQLite's storage class of each value. */
  private static List<List<Object>> allSteps(Path file) throws Exception {
    List<List<Object>> rows = new ArrayList<>();
    try (Connection connection = Stores.open(file);
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT *, typeof(execution_id), typeof(workflow_id), typeof(node_id),"
                    + " typeof(started_at), typeof(duration_ms), typeof(status)"
                    + " FROM steps ORDER BY id")) {
      ResultSetMetaData columns = result.getMetaData();
      while (result.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= columns.getColumnCount(); i++) {
          row.add(columns.getColumnLabel(i) + "=" + result.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
