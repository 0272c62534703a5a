package io.rpainsights.agent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rpainsights.agent.collect.AgentHealth;
import io.rpainsights.agent.event.Event;
import io.rpainsights.agent.event.ExecutionFinished;
import io.rpainsights.agent.event.ExecutionStarted;
import io.rpainsights.agent.event.RecoveryRecord;
import io.rpainsights.agent.event.ResourceSample;
import io.rpainsights.agent.event.StepRecord;
import io.rpainsights.agent.event.TimerRecord;
import io.rpainsights.agent.log.CapturedAgentLog;
import io.rpainsights.schema.StoreSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

class SqliteStoreTest {

  private static final long T0 = 1_700_000_000_000L;

  @TempDir Path dir;

  private final AgentHealth health = new AgentHealth();
  private final List<SqliteStore> opened = new ArrayList<>();
  @RegisterExtension final CapturedAgentLog log = new CapturedAgentLog();
  private Path file;

  @BeforeEach
  void setUp() {
    file = dir.resolve("store").resolve("rpa-insights.db");
  }

  @AfterEach
  void tearDown() throws SQLException {
    for (SqliteStore store : opened) {
      store.close();
    }
  }

  private SqliteStore open() throws StoreException {
    SqliteStore store = SqliteStore.open(file, "host-a", health);
    opened.add(store);
    return store;
  }

  /** A second, independent connection, as analytics or sqlite3 would read the file. */
  private Connection reader() throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(0); // a reader that had to wait for the writer fails instead
    return config.createConnection("jdbc:sqlite:" + file);
  }

  private List<Map<String, Object>> query(String sql) throws SQLException {
    try (Connection c = reader();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      List<Map<String, Object>> result = new ArrayList<>();
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= columns; i++) {
          row.put(rows.getMetaData().getColumnName(i), rows.getObject(i));
        }
        result.add(row);
      }
      return result;
    }
  }

  private long count(String table) throws SQLException {
    return ((Number) query("SELECT count(*) AS n FROM " + table).get(0).get("n")).longValue();
  }

  private static StepRecord step(String execution, int number, String status, boolean late) {
    return new StepRecord(
        execution,
        "invoices",
        "node-" + number,
        "click",
        number,
        T0 + number,
        2.5,
        status,
        null,
        null,
        late);
  }

  private static ExecutionFinished finish(
      String execution, int completed, int failed, int recovered, Integer total) {
    return new ExecutionFinished(
        execution,
        "invoices",
        T0 + 1000,
        1000.0,
        failed > 0 ? ExecutionFinished.FAILED : ExecutionFinished.SUCCESS,
        completed,
        failed,
        recovered,
        total,
        failed > 0 ? "java.lang.IllegalStateException" : null,
        failed > 0 ? "element not found" : null);
  }

  @Test
  void everyEventKindLandsInItsDocumentedColumns() throws Exception {
    SqliteStore store = open();
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("provider", "vision \"v2\"");
    labels.put("cache", null);
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("tokens", 1234.0);
    values.put("cost", 0.25);

    store.accept(
        List.of(
            new ExecutionStarted("e1", "invoices", "parent-1", T0, 3),
            new StepRecord(
                "e1",
                "invoices",
                "login",
                "click",
                1,
                T0 + 10,
                12.5,
                StepRecord.FAILED,
                "java.io.IOException",
                "timeout\nafter 3s",
                false),
            new RecoveryRecord("e1", "invoices", "login", "retry", true, T0 + 30, 4.25, null),
            new TimerRecord(T0 + 40, "ui_detection", labels, 7.5, false, "X", values),
            new ResourceSample(
                T0 + 50,
                12.5,
                40.0,
                1_000_000L,
                500_000L,
                8_000_000L,
                null,
                2048L,
                null,
                null,
                1)));

    assertThat(query("SELECT * FROM executions"))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get("execution_id")).isEqualTo("e1");
              assertThat(row.get("workflow_id")).isEqualTo("invoices");
              assertThat(row.get("parent_execution_id")).isEqualTo("parent-1");
              assertThat(row.get("host")).isEqualTo("host-a");
              assertThat(((Number) row.get("started_at")).longValue()).isEqualTo(T0);
              assertThat(row.get("completed_at")).isNull();
              assertThat(row.get("duration_ms")).isNull();
              assertThat(row.get("status")).isEqualTo("running");
              assertThat(row.get("steps_total")).isEqualTo(3);
            });
    assertThat(query("SELECT * FROM steps"))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get("execution_id")).isEqualTo("e1");
              assertThat(row.get("workflow_id")).isEqualTo("invoices");
              assertThat(row.get("node_id")).isEqualTo("login");
              assertThat(row.get("action_type")).isEqualTo("click");
              assertThat(row.get("step_number")).isEqualTo(1);
              assertThat(((Number) row.get("started_at")).longValue()).isEqualTo(T0 + 10);
              assertThat(row.get("duration_ms")).isEqualTo(12.5);
              assertThat(row.get("status")).isEqualTo("failed");
              assertThat(row.get("error_type")).isEqualTo("java.io.IOException");
              assertThat(row.get("error_message")).isEqualTo("timeout\nafter 3s");
            });
    assertThat(query("SELECT * FROM recoveries"))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get("execution_id")).isEqualTo("e1");
              assertThat(row.get("workflow_id")).isEqualTo("invoices");
              assertThat(row.get("node_id")).isEqualTo("login");
              assertThat(row.get("strategy")).isEqualTo("retry");
              assertThat(row.get("success")).isEqualTo(1);
              assertThat(((Number) row.get("started_at")).longValue()).isEqualTo(T0 + 30);
              assertThat(row.get("duration_ms")).isEqualTo(4.25);
              assertThat(row.get("error_message")).isNull();
            });
    assertThat(query("SELECT * FROM timers"))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(((Number) row.get("ts")).longValue()).isEqualTo(T0 + 40);
              assertThat(row.get("name")).isEqualTo("ui_detection");
              assertThat(row.get("labels"))
                  .isEqualTo("{\"provider\":\"vision \\\"v2\\\"\",\"cache\":null}");
              assertThat(row.get("duration_ms")).isEqualTo(7.5);
              assertThat(row.get("success")).isEqualTo(0);
              assertThat(row.get("error_type")).isEqualTo("X");
              assertThat(row.get("vals")).isEqualTo("{\"tokens\":1234,\"cost\":0.25}");
            });
    assertThat(query("SELECT * FROM resources"))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(((Number) row.get("ts")).longValue()).isEqualTo(T0 + 50);
              assertThat(row.get("host")).isEqualTo("host-a");
              assertThat(row.get("process_cpu_pct")).isEqualTo(12.5);
              assertThat(row.get("system_cpu_pct")).isEqualTo(40.0);
              assertThat(((Number) row.get("process_rss_bytes")).longValue()).isEqualTo(1_000_000L);
              assertThat(((Number) row.get("heap_used_bytes")).longValue()).isEqualTo(500_000L);
              assertThat(((Number) row.get("system_mem_used_bytes")).longValue())
                  .isEqualTo(8_000_000L);
              assertThat(row.get("disk_read_bytes")).isNull();
              assertThat(((Number) row.get("disk_write_bytes")).longValue()).isEqualTo(2048L);
              assertThat(row.get("gpu_util_pct")).isNull();
              assertThat(row.get("gpu_mem_used_bytes")).isNull();
              assertThat(row.get("running_executions")).isEqualTo(1);
            });
    assertThat(health.written()).isEqualTo(5);
  }

  @Test
  void aStartAndItsFinishInOneBatchMakeOneCompletedRowWhateverTheirOrder() throws Exception {
    SqliteStore store = open();

    store.accept(
        List.of(
            new ExecutionStarted("e1", "invoices", null, T0, 5),
            step("e1", 1, StepRecord.SUCCESS, false),
            finish("e1", 1, 0, 0, null),
            // The overflow may deliver a finish ahead of its start.
            finish("e2", 2, 1, 1, 4),
            new ExecutionStarted("e2", "invoices", "e1", T0 + 7, 9)));

    Map<String, Object> e1 = query("SELECT * FROM executions WHERE execution_id = 'e1'").get(0);
    assertThat(e1.get("status")).isEqualTo("success");
    assertThat(((Number) e1.get("started_at")).longValue()).isEqualTo(T0);
    assertThat(((Number) e1.get("completed_at")).longValue()).isEqualTo(T0 + 1000);
    assertThat(e1.get("duration_ms")).isEqualTo(1000.0);
    assertThat(e1.get("steps_total")).isEqualTo(5); // the finish did not know it: kept
    assertThat(e1.get("steps_completed")).isEqualTo(1);
    assertThat(e1.get("steps_failed")).isEqualTo(0);
    assertThat(e1.get("steps_recovered")).isEqualTo(0);
    assertThat(e1.get("error_type")).isNull();

    Map<String, Object> e2 = query("SELECT * FROM executions WHERE execution_id = 'e2'").get(0);
    assertThat(e2.get("status")).isEqualTo("failed");
    assertThat(((Number) e2.get("started_at")).longValue()).isEqualTo(T0 + 7);
    assertThat(e2.get("parent_execution_id")).isEqualTo("e1");
    assertThat(e2.get("steps_total")).isEqualTo(4); // the finish's figure wins
    assertThat(e2.get("steps_completed")).isEqualTo(2);
    assertThat(e2.get("steps_failed")).isEqualTo(1);
    assertThat(e2.get("steps_recovered")).isEqualTo(1);
    assertThat(e2.get("error_type")).isEqualTo("java.lang.IllegalStateException");
    assertThat(e2.get("error_message")).isEqualTo("element not found");
    assertThat(count("executions")).isEqualTo(2);
  }

  @Test
  void aStartInOneBatchIsCompletedByItsFinishInALaterOne() throws Exception {
    SqliteStore store = open();
    store.accept(List.of(new ExecutionStarted("e1", "invoices", null, T0, null)));
    assertThat(query("SELECT status FROM executions").get(0).get("status")).isEqualTo("running");

    store.accept(List.of(finish("e1", 3, 0, 0, 3)));

    Map<String, Object> row = query("SELECT * FROM executions").get(0);
    assertThat(row.get("status")).isEqualTo("success");
    assertThat(((Number) row.get("started_at")).longValue()).isEqualTo(T0);
    assertThat(row.get("steps_total")).isEqualTo(3);
  }

  @Test
  void aFinishWithoutAStartWritesTheCompleteRowDatedBackByItsDuration() throws Exception {
    SqliteStore store = open();

    store.accept(
        List.of(
            new ExecutionFinished(
                "e9", "invoices", T0, 1234.4, ExecutionFinished.TIMEOUT, 2, 0, 0, 10, null, null)));

    Map<String, Object> row = query("SELECT * FROM executions").get(0);
    assertThat(row.get("execution_id")).isEqualTo("e9");
    assertThat(row.get("host")).isEqualTo("host-a");
    assertThat(((Number) row.get("started_at")).longValue()).isEqualTo(T0 - 1234);
    assertThat(((Number) row.get("completed_at")).longValue()).isEqualTo(T0);
    assertThat(row.get("duration_ms")).isEqualTo(1234.4);
    assertThat(row.get("status")).isEqualTo("timeout");
    assertThat(row.get("steps_total")).isEqualTo(10);
    assertThat(row.get("steps_completed")).isEqualTo(2);
  }

  @Test
  void stepsThatEndAfterTheirExecutionAddToItsCounters() throws Exception {
    SqliteStore store = open();
    store.accept(
        List.of(new ExecutionStarted("e1", "invoices", null, T0, 4), finish("e1", 2, 0, 0, null)));

    // In the same batch as nothing else, and in the same batch as the finish of another one.
    store.accept(
        List.of(step("e1", 3, StepRecord.RECOVERED, true), step("e1", 4, StepRecord.FAILED, true)));
    store.accept(
        List.of(
            new ExecutionStarted("e2", "invoices", null, T0, 1),
            finish("e2", 1, 0, 0, null),
            step("e2", 2, StepRecord.SUCCESS, true)));

    Map<String, Object> e1 = query("SELECT * FROM executions WHERE execution_id = 'e1'").get(0);
    assertThat(e1.get("steps_completed")).isEqualTo(3);
    assertThat(e1.get("steps_recovered")).isEqualTo(1);
    assertThat(e1.get("steps_failed")).isEqualTo(1);
    Map<String, Object> e2 = query("SELECT * FROM executions WHERE execution_id = 'e2'").get(0);
    assertThat(e2.get("steps_completed")).isEqualTo(2);
    assertThat(e2.get("steps_failed")).isEqualTo(0);
    assertThat(count("steps")).isEqualTo(3);
  }

  @Test
  void aLateStepWrittenInABatchBeforeItsExecutionsFinishStillCounts() throws Exception {
    SqliteStore store = open();
    store.accept(List.of(new ExecutionStarted("e1", "invoices", null, T0, 3)));
    // A worker's step, counted late after the execution's end, queued just before the finish.
    store.accept(List.of(step("e1", 3, StepRecord.FAILED, true)));

    store.accept(List.of(finish("e1", 2, 0, 0, null)));

    Map<String, Object> e1 = query("SELECT * FROM executions WHERE execution_id = 'e1'").get(0);
    assertThat(e1.get("steps_completed")).isEqualTo(2);
    assertThat(e1.get("steps_failed")).isEqualTo(1);
    assertThat(e1.get("steps_recovered")).isEqualTo(0);
  }

  @Test
  void stepRowsOfEveryBatchSizeArriveCompleteAndInOrder() throws Exception {
    SqliteStore store = open();
    int number = 0;
    // Around the multi-row statement's size: remainders, exact multiples, single rows.
    for (int size : new int[] {1, 9, 10, 11, 20, 37, 1000}) {
      List<Event> batch = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        batch.add(step("e", number++, StepRecord.SUCCESS, false));
      }
      store.accept(batch);
    }

    List<Map<String, Object>> rows = query("SELECT step_number FROM steps ORDER BY id");
    assertThat(rows).hasSize(number);
    for (int i = 0; i < number; i++) {
      assertThat(rows.get(i).get("step_number")).isEqualTo(i);
    }
    assertThat(health.written()).isEqualTo(number);
  }

  @Test
  void anEventMissingARequiredValueIsSkippedAndCountedWithoutCostingTheBatch() throws Exception {
    SqliteStore store = open();

    store.accept(
        List.of(
            step("e1", 1, StepRecord.SUCCESS, false),
            new StepRecord(null, "wf", "n", "a", 2, T0, 1.0, "success", null, null, false),
            new StepRecord("e1", "wf", "n", "a", 3, T0, Double.NaN, "success", null, null, false),
            step("e1", 4, StepRecord.SUCCESS, false)));

    assertThat(count("steps")).isEqualTo(2);
    assertThat(health.dropped()).isEqualTo(2);
    assertThat(health.written()).isEqualTo(2);
    assertThat(log.text().trim().split("\\R")).hasSize(1);
  }

  @Test
  void theStoreIsInWalModeWithTheRequiredPragmasAndTheCurrentSchema() throws Exception {
    SqliteStore store = open();

    assertThat(store.pragma("journal_mode")).isEqualTo("wal");
    assertThat(store.pragma("synchronous")).isEqualTo("1"); // NORMAL
    assertThat(store.pragma("busy_timeout")).isEqualTo(String.valueOf(SqliteStore.BUSY_TIMEOUT_MS));
    try (Connection c = reader()) {
      assertThat(StoreSchema.userVersion(c)).isEqualTo(StoreSchema.VERSION);
      assertThat(StoreSchema.hasDocumentedTables(c)).isTrue();
    }
    assertThat(store.file()).isEqualTo(file.toAbsolutePath());
  }

  @Test
  void aReaderReadsCommittedRowsWhileTheWriterHoldsABatchOpen() throws Exception {
    SqliteStore store = open();
    store.accept(List.of(step("e1", 1, StepRecord.SUCCESS, false)));
    AtomicReference<Object> seenMidBatch = new AtomicReference<>();
    store.beforeCommit(
        () -> {
          try {
            seenMidBatch.set(count("steps"));
          } catch (SQLException e) {
            seenMidBatch.set(e);
          }
        });

    store.accept(
        List.of(
            step("e1", 2, StepRecord.SUCCESS, false), step("e1", 3, StepRecord.SUCCESS, false)));

    // The reader (busy timeout 0) neither waited nor failed, and saw the last committed state.
    assertThat(seenMidBatch.get()).isEqualTo(1L);
    assertThat(count("steps")).isEqualTo(3);
  }

  @Test
  void aFailedBatchIsRolledBackWhole() throws Exception {
    SqliteStore store = open();
    store.beforeCommit(
        () -> {
          throw new IllegalStateException("simulated failure before commit");
        });

    assertThatThrownBy(
            () ->
                store.accept(
                    List.of(
                        new ExecutionStarted("e1", "invoices", null, T0, null),
                        step("e1", 1, StepRecord.SUCCESS, false))))
        .isInstanceOf(IllegalStateException.class);
    store.beforeCommit(null);
    store.accept(List.of(step("e1", 2, StepRecord.SUCCESS, false)));

    assertThat(count("executions")).isZero();
    assertThat(query("SELECT step_number FROM steps"))
        .extracting(r -> r.get("step_number"))
        .containsExactly(2);
    assertThat(health.written()).isEqualTo(1);
  }

  @Test
  void retentionRemovesOldRowsOnlyAndNeverARunningExecution() throws Exception {
    SqliteStore store = open();
    long cutoff = T0 + 1_000_000;
    List<Event> batch = new ArrayList<>();
    batch.add(new ExecutionStarted("old-done", "invoices", null, T0, null));
    batch.add(finish("old-done", 1, 0, 0, null));
    batch.add(new ExecutionStarted("old-running", "invoices", null, T0, null));
    batch.add(new ExecutionStarted("new", "invoices", null, cutoff + 5, null));
    // More old steps than one chunk, so the chunking loop runs more than once.
    for (int i = 0; i < SqliteStore.PRUNE_CHUNK + 1500; i++) {
      batch.add(step("old-done", i, StepRecord.SUCCESS, false));
    }
    batch.add(step("old-running", 1, StepRecord.SUCCESS, false));
    batch.add(
        new StepRecord(
            "new", "invoices", "n", "a", 1, cutoff, 1.0, StepRecord.SUCCESS, null, null, false));
    batch.add(new RecoveryRecord("old-done", "invoices", "n", "retry", true, T0, 1.0, null));
    batch.add(new RecoveryRecord(null, "invoices", "n", "retry", true, T0, 1.0, null));
    batch.add(new RecoveryRecord("old-running", "invoices", "n", "retry", true, T0, 1.0, null));
    batch.add(new TimerRecord(T0, "t", Map.of(), 1.0, true, null, Map.of()));
    batch.add(new TimerRecord(cutoff + 1, "t", Map.of(), 1.0, true, null, Map.of()));
    batch.add(sample(T0));
    batch.add(sample(cutoff - 1));
    batch.add(sample(cutoff));
    store.accept(batch);

    int removed = store.pruneOlderThan(cutoff);

    assertThat(query("SELECT execution_id FROM executions ORDER BY execution_id"))
        .extracting(r -> r.get("execution_id"))
        .containsExactly("new", "old-running");
    assertThat(query("SELECT execution_id FROM steps ORDER BY execution_id"))
        .extracting(r -> r.get("execution_id"))
        .containsExactly("new", "old-running");
    assertThat(query("SELECT execution_id FROM recoveries"))
        .extracting(r -> r.get("execution_id"))
        .containsExactly("old-running");
    assertThat(count("timers")).isEqualTo(1);
    assertThat(query("SELECT ts FROM resources"))
        .extracting(r -> ((Number) r.get("ts")).longValue())
        .containsExactly(cutoff);
    int expected = 1 + (SqliteStore.PRUNE_CHUNK + 1500) + 2 + 1 + 2;
    assertThat(removed).isEqualTo(expected);
    assertThat(store.pruneOlderThan(cutoff)).isZero();
  }

  private static ResourceSample sample(long ts) {
    return new ResourceSample(ts, 1.0, 2.0, 3L, 4L, 5L, 6L, 7L, null, null, 0);
  }

  @Test
  void writeHealthAppendsTheCountersThisProcessAndTheQueueDepth() throws Exception {
    SqliteStore store = open();
    store.accept(List.of(step("e1", 1, StepRecord.SUCCESS, false)));
    health.eventDropped();
    health.eventDropped();
    health.unattributed();
    health.extractorError();
    health.writeError();
    long before = System.currentTimeMillis();

    store.writeHealth(T0, 17);

    Map<String, Object> row = query("SELECT * FROM agent_health").get(0);
    assertThat(((Number) row.get("ts")).longValue()).isBetween(before, System.currentTimeMillis());
    assertThat(row.get("host")).isEqualTo("host-a");
    assertThat(((Number) row.get("pid")).longValue()).isEqualTo(ProcessHandle.current().pid());
    assertThat(((Number) row.get("agent_started_at")).longValue()).isEqualTo(T0);
    assertThat(((Number) row.get("events_recorded")).longValue()).isEqualTo(1);
    assertThat(((Number) row.get("events_dropped")).longValue()).isEqualTo(2);
    assertThat(((Number) row.get("unattributed")).longValue()).isEqualTo(1);
    assertThat(((Number) row.get("extractor_errors")).longValue()).isEqualTo(1);
    assertThat(((Number) row.get("write_errors")).longValue()).isEqualTo(1);
    assertThat(row.get("queue_depth")).isEqualTo(17);
  }

  @Test
  void aHealthRowThatWouldRepeatThePreviousOneAtOnceIsLeftOut() throws Exception {
    SqliteStore store = open();
    store.accept(List.of(step("e1", 1, StepRecord.SUCCESS, false)));

    store.writeHealth(T0, 0); // the last batch's periodic row
    store.writeHealth(T0, 0); // the shutdown row, the same figures a moment later
    assertThat(query("SELECT * FROM agent_health")).hasSize(1);

    health.eventDropped();
    store.writeHealth(T0, 0);
    assertThat(query("SELECT events_dropped FROM agent_health ORDER BY rowid"))
        .extracting(r -> ((Number) r.get("events_dropped")).longValue())
        .containsExactly(0L, 1L);
  }

  @Test
  void closeCheckpointsTheWalIntoTheFileAndAReopenAppends() throws Exception {
    SqliteStore store = SqliteStore.open(file, "host-a", health);
    store.accept(List.of(step("e1", 1, StepRecord.SUCCESS, false)));
    Path wal = file.resolveSibling(file.getFileName() + "-wal");
    assertThat(wal).exists();

    store.close();
    store.close(); // idempotent

    assertThat(!Files.exists(wal) || Files.size(wal) == 0).isTrue();
    assertThatThrownBy(() -> store.accept(List.of(step("e1", 2, "success", false))))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("closed");
    open().accept(List.of(step("e1", 2, StepRecord.SUCCESS, false)));
    assertThat(count("steps")).isEqualTo(2);
  }

  @Test
  void aParentThatIsARegularFileGivesOneLineNamingThePath() throws Exception {
    Path blocker = dir.resolve("not-a-dir");
    Files.writeString(blocker, "x");
    Path target = blocker.resolve("sub").resolve("rpa.db");

    assertThatThrownBy(() -> SqliteStore.open(target, "h", health))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(target.toString())
        .hasMessageContaining(blocker + " is a file, not a directory")
        .satisfies(e -> assertOneLine(e.getMessage()));
  }

  @Test
  void aDirectoryWhereTheFileShouldBeGivesOneLineNamingThePath() throws Exception {
    Path target = dir.resolve("rpa.db");
    Files.createDirectories(target);

    assertThatThrownBy(() -> SqliteStore.open(target, "h", health))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(target.toString())
        .hasMessageContaining("is a directory")
        .satisfies(e -> assertOneLine(e.getMessage()));
  }

  @Test
  void aFileThatIsNotSqliteGivesOneLineNamingThePathAndIsLeftAlone() throws Exception {
    Path target = dir.resolve("notes.db");
    String content = "these are my notes, not a database\n".repeat(200);
    Files.writeString(target, content);

    assertThatThrownBy(() -> SqliteStore.open(target, "h", health))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(target.toString())
        .hasMessageContaining("not a SQLite database")
        .satisfies(e -> assertOneLine(e.getMessage()));
    assertThat(Files.readString(target)).isEqualTo(content);
  }

  @Test
  void aReadOnlyDirectoryGivesOneLineNamingThePath() throws Exception {
    Path readOnly = dir.resolve("ro");
    Files.createDirectories(readOnly);
    assertThat(readOnly.toFile().setWritable(false, false)).isTrue();
    try {
      // root writes anywhere: the check only means something for an ordinary user.
      org.junit.jupiter.api.Assumptions.assumeFalse(
          Files.isWritable(readOnly), "running as a user who can write to read-only directories");
      Path target = readOnly.resolve("rpa.db");

      assertThatThrownBy(() -> SqliteStore.open(target, "h", health))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(target.toString())
          .hasMessageContaining("not writable")
          .satisfies(e -> assertOneLine(e.getMessage()));
    } finally {
      readOnly.toFile().setWritable(true, false);
    }
  }

  @Test
  void aDurationIsStoredWithItsFraction() throws Exception {
    SqliteStore store = open();
    store.accept(
        List.of(new StepRecord("e", "w", "n", "a", 1, T0, 0.000123, "success", null, null, false)));

    assertThat((Double) query("SELECT duration_ms FROM steps").get(0).get("duration_ms"))
        .isCloseTo(0.000123, within(1e-12));
  }

  @Test
  void stepNamesAreStoredAsTheExactTextWhateverTheirCharacters() throws Exception {
    assertStepTextRoundTrips();
  }

  @Test
  void aStoreCreatedInUtf16StillGetsTheExactText() throws Exception {
    // Another producer may have created the file in UTF-16: the cached UTF-8 bytes would be
    // misread there, so the store must bind plain strings.
    Files.createDirectories(file.getParent());
    try (Connection c = new SQLiteConfig().createConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA encoding = 'UTF-16le'");
      s.execute("CREATE TABLE marker(x)");
    }
    assertStepTextRoundTrips();
    assertThat(query("PRAGMA encoding").get(0).values()).containsExactly("UTF-16le");
  }

  @Test
  void stepNumbersAndStartTimesAreStoredAsExactIntegersWhetherTheirBoxesAreReusedOrNot()
      throws Exception {
    SqliteStore store = open();
    List<Event> batch = new ArrayList<>();
    int[] numbers = {1, 1, 5000, 1023, 1024, -1};
    long[] starts = {T0, T0, T0 + 64, T0 + 1, Long.MAX_VALUE / 2, T0};
    for (int i = 0; i < numbers.length; i++) {
      batch.add(
          new StepRecord(
              "e", "w", "n", "a", numbers[i], starts[i], 1.5, "success", null, null, false));
    }
    store.accept(batch);

    List<Map<String, Object>> rows =
        query(
            "SELECT step_number AS n, started_at AS t, typeof(step_number) || typeof(started_at)"
                + " AS types FROM steps ORDER BY id");
    for (int i = 0; i < numbers.length; i++) {
      assertThat(((Number) rows.get(i).get("n")).intValue()).isEqualTo(numbers[i]);
      assertThat(((Number) rows.get(i).get("t")).longValue()).isEqualTo(starts[i]);
      assertThat(rows.get(i).get("types")).isEqualTo("integerinteger");
    }
  }

  private void assertStepTextRoundTrips() throws Exception {
    SqliteStore store = open();
    String workflow = "Rechnungsprüfung ✓ 請求書";
    String node = "node-\uD83D\uDE80-ünïcödé";
    List<Event> batch = new ArrayList<>();
    for (int i = 1; i <= 23; i++) { // two 10-row statements and three single rows
      batch.add(
          new StepRecord(
              "exécution-1", workflow, node, "clïck", i, T0 + i, 1.0, "success", "É", "ü", false));
    }
    store.accept(batch);
    store.accept(batch.subList(0, 1)); // the same names again, from the cache

    List<Map<String, Object>> rows =
        query(
            "SELECT DISTINCT execution_id, workflow_id, node_id, action_type, status, error_type,"
                + " error_message, typeof(execution_id) || typeof(workflow_id) || typeof(node_id)"
                + " || typeof(action_type) || typeof(status) AS types FROM steps");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0))
        .containsEntry("execution_id", "exécution-1")
        .containsEntry("workflow_id", workflow)
        .containsEntry("node_id", node)
        .containsEntry("action_type", "clïck")
        .containsEntry("status", "success")
        .containsEntry("error_type", "É")
        .containsEntry("error_message", "ü")
        .containsEntry("types", "texttexttexttexttext");
    assertThat(count("steps")).isEqualTo(24);
    // What analytics' queries compare against: the bound string, not a blob.
    assertThat(query("SELECT count(*) AS n FROM steps WHERE workflow_id = '" + workflow + "'"))
        .containsExactly(Map.of("n", 24));
  }

  private static void assertOneLine(String message) {
    assertThat(message).doesNotContain("\n").doesNotContain("\r").startsWith("cannot open");
  }
}
