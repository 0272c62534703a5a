package io.rpainsights.agent.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.agent.collect.AgentHealth;
import io.rpainsights.agent.collect.EventQueue;
import io.rpainsights.agent.event.Event;
import io.rpainsights.agent.event.ExecutionFinished;
import io.rpainsights.agent.event.ExecutionStarted;
import io.rpainsights.agent.event.StepRecord;
import io.rpainsights.agent.log.CapturedAgentLog;
import io.rpainsights.agent.store.SqliteStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class StoreSinkTest {

  @TempDir Path dir;
  @RegisterExtension final CapturedAgentLog log = new CapturedAgentLog();
  private final AgentHealth health = new AgentHealth();
  private final EventQueue queue = new EventQueue(1024, health);

  private static List<Event> execution(String id, long startedAt) {
    return List.of(
        new ExecutionStarted(id, "wf", null, startedAt, 1),
        new StepRecord(id, "wf", "n", "click", 1, startedAt, 5.0, "success", null, null, false),
        new ExecutionFinished(
            id, "wf", startedAt + 10, 10.0, "success", 1, 0, 0, null, null, null));
  }

  private long count(Path db, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  void retentionPrunesRowsOlderThanItsDaysOnTheFirstBatchAndKeepsTheRest() throws Exception {
    Path db = dir.resolve("retention.db");
    long now = System.currentTimeMillis();
    SqliteStore store = SqliteStore.open(db, "h", health);
    store.accept(execution("old", now - TimeUnit.DAYS.toMillis(10)));
    StoreSink sink = new StoreSink(store, health, queue, now, 7);
    sink.accept(execution("new", now - TimeUnit.HOURS.toMillis(1)));
    sink.close();

    assertThat(count(db, "select count(*) from executions where execution_id = 'old'")).isZero();
    assertThat(count(db, "select count(*) from steps where execution_id = 'old'")).isZero();
    assertThat(count(db, "select count(*) from executions where execution_id = 'new'")).isOne();
    assertThat(log.text()).contains("retention: removed");
  }

  @Test
  void zeroRetentionDaysKeepsEverything() throws Exception {
    Path db = dir.resolve("keep.db");
    long now = System.currentTimeMillis();
    SqliteStore store = SqliteStore.open(db, "h", health);
    StoreSink sink = new StoreSink(store, health, queue, now, 0);
    sink.accept(execution("ancient", now - TimeUnit.DAYS.toMillis(4000)));
    sink.close();
    assertThat(count(db, "select count(*) from executions")).isOne();
  }

  @Test
  void healthIsWrittenWithTheFirstBatchAndAgainAtClose() throws Exception {
    Path db = dir.resolve("health.db");
    long now = System.currentTimeMillis();
    StoreSink sink = new StoreSink(SqliteStore.open(db, "h", health), health, queue, now, 0);
    sink.accept(execution("e", now));
    sink.accept(execution("f", now));
    sink.close();
    assertThat(count(db, "select count(*) from agent_health")).isEqualTo(2);
    assertThat(count(db, "select max(agent_started_at) from agent_health")).isEqualTo(now);
  }

  @Test
  void theFirstDropsAreReportedOnce() throws Exception {
    Path db = dir.resolve("drops.db");
    StoreSink sink =
        new StoreSink(
            SqliteStore.open(db, "h", health), health, queue, System.currentTimeMillis(), 0);
    health.eventDropped();
    sink.accept(execution("e", System.currentTimeMillis()));
    health.eventDropped();
    sink.accept(execution("f", System.currentTimeMillis()));
    sink.close();
    assertThat(log.lines().filter(l -> l.contains("dropped"))).hasSize(1);
  }

  @Test
  void aHealthRowThatCannotBeWrittenNeverFailsTheCommittedBatch() throws Exception {
    Path db = dir.resolve("no-health.db");
    SqliteStore store = SqliteStore.open(db, "h", health);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE agent_health"); // as another writer's store might lack it
    }
    StoreSink sink = new StoreSink(store, health, queue, System.currentTimeMillis(), 0);

    // An exception here would make the flusher write the committed batch a second time.
    sink.accept(execution("e", System.currentTimeMillis()));

    assertThat(count(db, "select count(*) from steps")).isOne();
    assertThat(health.writeErrors()).isOne();
    assertThat(log.text()).contains("health row");
    store.close();
  }
}
