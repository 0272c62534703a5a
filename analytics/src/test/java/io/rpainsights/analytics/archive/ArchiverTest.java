package io.rpainsights.analytics.archive;

import static io.rpainsights.analytics.testing.StoreFixture.ago;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rpainsights.analytics.cli.RpaInsightsCli;
import io.rpainsights.analytics.store.InvalidInputException;
import io.rpainsights.analytics.store.StoreException;
import io.rpainsights.analytics.testing.CliRun;
import io.rpainsights.analytics.testing.StoreFixture;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArchiverTest {
  static final Map<String, String> COLUMNS =
      Map.of(
          "executions",
          "execution_id, workflow_id, parent_execution_id, host, started_at, completed_at,"
              + " duration_ms, status, steps_total, steps_completed, steps_failed,"
              + " steps_recovered, error_type, error_message",
          "steps",
          "id, execution_id, workflow_id, node_id, action_type, step_number, started_at,"
              + " duration_ms, status, error_type, error_message",
          "recoveries",
          "id, execution_id, workflow_id, node_id, strategy, success, started_at, duration_ms,"
              + " error_message",
          "resources",
          "ts, host, process_cpu_pct, system_cpu_pct, process_rss_bytes, heap_used_bytes,"
              + " system_mem_used_bytes, disk_read_bytes, disk_write_bytes, gpu_util_pct,"
              + " gpu_mem_used_bytes, running_executions",
          "timers",
          "ts, name, labels, duration_ms, success, error_type");

  @TempDir Path dir;
  Path db;
  Path archiveDir;
  Instant cutoff = StoreFixture.NOW.minus(Duration.ofDays(90));
  Map<String, List<String>> before;

  @BeforeEach
  void fixture() throws Exception {
    db = dir.resolve("store.db");
    archiveDir = dir.resolve("archive");
    try (StoreFixture f = StoreFixture.create(db)) {
      for (int i = 0; i < 30; i++) {
        // Days 60..176 ago: some before the cutoff, some after.
        long t = ago(Duration.ofDays(60 + 4L * i));
        String id = "e" + i;
        f.execution(id, "w", t, 100.0 + i, i % 7 == 0 ? "failed" : "success")
            .step(id, "w", "open", "navigate", 1, t, 40, "success", null)
            .step(id, "w", "ocr", "ocr", 2, t + 40, 60, i % 5 == 0 ? "recovered" : "success", null)
            .recovery(id, "w", "ocr", "retry", true, t + 50, 10)
            .resource(t, 20 + i, 10, 400_000_000L);
        f.sql(
            "INSERT INTO timers(ts, name, labels, duration_ms, success, error_type) VALUES ("
                + t
                + ", 'ui_detection', '{\"p\":\"a\"}', 12.5, 1, NULL)");
      }
      // A very old execution that is still running: it and its rows stay.
      long old = ago(Duration.ofDays(200));
      f.execution("run-old", "w", "h", old, null, "running", 3, null)
          .step("run-old", "w", "open", "navigate", 1, old, 40, "success", null)
          .recovery("run-old", "w", "open", "retry", false, old + 45, 5);
      // A recovery without an execution, and two identical resource samples.
      f.recovery(null, "w", "x", "retry", true, ago(Duration.ofDays(150)), 3)
          .resource(ago(Duration.ofDays(140)), 50, 25, 1L)
          .resource(ago(Duration.ofDays(140)), 50, 25, 1L);
    }
    before = snapshot(db, null);
  }

  @Test
  void movesOldRowsKeepsRecentAndRunningOnesAndLosesNothing() throws Exception {
    ArchiveResult r = new Archiver(StoreFixture.CLOCK).archive(db, cutoff, archiveDir);
    assertThat(r.archive()).isEqualTo(archiveDir.resolve(Archiver.FILE_NAME));
    assertThat(r.removed().get("executions")).isEqualTo(22);
    assertThat(r.removed().get("steps")).isEqualTo(44);
    assertThat(r.removed().get("resources")).isEqualTo(24);
    assertThat(r.copied()).isEqualTo(r.removed());
    assertUnionIsTheOriginal();
    Map<String, List<String>> store = snapshot(db, null);
    assertThat(String.join("\n", store.get("executions"))).contains("run-old");
    assertThat(count(db, "SELECT count(*) FROM steps WHERE execution_id = 'run-old'")).isEqualTo(1);
    assertThat(count(db, "SELECT count(*) FROM recoveries WHERE execution_id = 'run-old'"))
        .isEqualTo(1);
    assertThat(
            count(
                db,
                "SELECT count(*) FROM executions WHERE status <> 'running' AND started_at < "
                    + cutoff.toEpochMilli()))
        .isZero();
  }

  @Test
  void archivesWhileAnotherProcessKeepsWritingTheStore() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong written = new AtomicLong();
    AtomicReference<Throwable> writerFailed = new AtomicReference<>();
    // Writes as the agent does: WAL, one short transaction after another, each beginning with a
    // write, new rows only (none of them old enough to archive), hundreds of commits a second.
    Thread agent =
        new Thread(
            () -> {
              try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                  Statement st = c.createStatement()) {
                st.execute("PRAGMA busy_timeout = 10000");
                st.execute("PRAGMA journal_mode = WAL");
                c.setAutoCommit(false);
                for (long i = 0; !stop.get(); i++) {
                  st.execute(
                      "INSERT INTO steps(execution_id, workflow_id, node_id, started_at,"
                          + " duration_ms, status) VALUES ('live', 'w', 'n', "
                          + StoreFixture.NOW.toEpochMilli()
                          + ", 1.0, 'success')");
                  c.commit();
                  written.set(i + 1);
                  // A pause as between the agent's batches: a writer that never pauses would
                  // starve any other writer, the agent's own busy waits included.
                  Thread.sleep(2);
                }
              } catch (Throwable e) {
                writerFailed.set(e);
              }
            });
    agent.start();
    try {
      while (written.get() == 0 && agent.isAlive()) {
        Thread.onSpinWait();
      }
      for (int run = 0; run < 20; run++) {
        new Archiver(StoreFixture.CLOCK).archive(db, cutoff, archiveDir);
      }
    } finally {
      stop.set(true);
      agent.join();
    }
    assertThat(writerFailed.get()).isNull();
    assertThat(count(db, "SELECT count(*) FROM steps WHERE execution_id = 'live'"))
        .isEqualTo(written.get());
    assertThat(
            count(
                db,
                "SELECT count(*) FROM executions WHERE status <> 'running' AND started_at"
                    + " < "
                    + cutoff.toEpochMilli()))
        .isZero();
  }

  @Test
  void runningAgainChangesNothing() throws Exception {
    new Archiver(StoreFixture.CLOCK).archive(db, cutoff, archiveDir);
    ArchiveResult again = new Archiver(StoreFixture.CLOCK).archive(db, cutoff, archiveDir);
    assertThat(again.totalRemoved()).isZero();
    assertThat(again.copied().values()).containsOnly(0L);
    assertUnionIsTheOriginal();
    assertThat(count(archiveDir.resolve(Archiver.FILE_NAME), "SELECT count(*) FROM archive_runs"))
        .isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(Archiver.Phase.class)
  void anInterruptionAtAnyPhaseIsRepairedByTheNextRun(Archiver.Phase phase) throws Exception {
    Archiver crashing =
        new Archiver(
            StoreFixture.CLOCK,
            p -> {
              if (p == phase) {
                throw new IllegalStateException("simulated crash at " + p);
              }
            });
    assertThatThrownBy(() -> crashing.archive(db, cutoff, archiveDir))
        .hasMessageContaining("simulated crash");
    assertNoRowLostOrDuplicated();
    new Archiver(StoreFixture.CLOCK).archive(db, cutoff, archiveDir);
    assertUnionIsTheOriginal();
  }

  @ParameterizedTest
  @EnumSource(
      value = Archiver.Phase.class,
      names = {"COPIED", "DELETING"})
  void aKilledProcessIsRepairedByTheNextRun(Archiver.Phase phase) throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ArchiveCrashMain.class.getName(),
                db.toString(),
                archiveDir.toString(),
                phase.name(),
                Long.toString(cutoff.toEpochMilli()))
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.exitValue()).as(output).isEqualTo(3);
    assertNoRowLostOrDuplicated();
    new Archiver(StoreFixture.CLOCK).archive(db, cutoff, archiveDir);
    assertUnionIsTheOriginal();
  }

  @Test
  void idsTheStoreReusesAreNotMistakenForArchivedRows() throws Exception {
    Instant all = StoreFixture.NOW.plus(Duration.ofDays(1));
    try (StoreFixture f = StoreFixture.create(db)) {
      f.sql("DELETE FROM executions WHERE execution_id = 'run-old'");
      f.sql("DELETE FROM recoveries WHERE execution_id = 'run-old'");
    }
    new Archiver(StoreFixture.CLOCK).archive(db, all, archiveDir);
    // Every step went, run-old's too (its execution row is gone): the table is empty.
    assertThat(count(db, "SELECT count(*) FROM steps")).isZero();
    assertThat(
            count(
                archiveDir.resolve(Archiver.FILE_NAME), "SELECT count(*) FROM steps WHERE id = 1"))
        .isEqualTo(1);
    try (StoreFixture f = StoreFixture.create(db)) {
      long t = ago(Duration.ofHours(1));
      f.execution("new", "w", t, 50.0, "success")
          .step("new", "w", "open", "navigate", 1, t, 40, "success", null);
    }
    assertThat(count(db, "SELECT id FROM steps")).isEqualTo(1); // the id starts again at 1
    long archivedBefore =
        count(archiveDir.resolve(Archiver.FILE_NAME), "SELECT count(*) FROM steps");
    new Archiver(StoreFixture.CLOCK).archive(db, all.plus(Duration.ofDays(1)), archiveDir);
    assertThat(count(archiveDir.resolve(Archiver.FILE_NAME), "SELECT count(*) FROM steps"))
        .isEqualTo(archivedBefore + 1);
    assertThat(count(db, "SELECT count(*) FROM steps")).isZero();
  }

  @Test
  void producerColumnsWhoseNamesNeedQuotingAreCarriedWithTheirValues() throws Exception {
    try (StoreFixture f = StoreFixture.create(db)) {
      f.sql("ALTER TABLE executions ADD COLUMN \"order\" TEXT");
      f.sql("UPDATE executions SET \"order\" = 'o-' || execution_id");
      // A space, an embedded quote, and a declared type that SQLite reports oddly.
      f.sql("ALTER TABLE timers ADD COLUMN \"bot \"\"name\"\"\" \"my type\"");
      f.sql("UPDATE timers SET \"bot \"\"name\"\"\" = 'bot-' || ts");
      f.sql("ALTER TABLE steps ADD COLUMN [select] DECIMAL(10, 2)");
      f.sql("UPDATE steps SET [select] = id + 0.25");
      f.sql("ALTER TABLE resources ADD COLUMN note \"primary\"");
      f.sql("UPDATE resources SET note = 'n' || ts");
    }
    new Archiver(StoreFixture.CLOCK).archive(db, cutoff, archiveDir);
    Path archive = archiveDir.resolve(Archiver.FILE_NAME);
    assertThat(count(archive, "SELECT count(*) FROM executions")).isEqualTo(22);
    assertThat(
            count(
                archive, "SELECT count(*) FROM executions WHERE \"order\" = 'o-' || execution_id"))
        .isEqualTo(22);
    assertThat(count(archive, "SELECT count(*) FROM timers")).isPositive();
    assertThat(
            count(
                archive,
                "SELECT count(*) FROM timers WHERE \"bot \"\"name\"\"\" IS NOT 'bot-' || ts"))
        .isZero();
    assertThat(count(archive, "SELECT count(*) FROM steps WHERE [select] IS NOT id + 0.25"))
        .isZero();
    assertThat(count(archive, "SELECT count(*) FROM resources WHERE note IS NOT 'n' || ts"))
        .isZero();
    assertThat(count(archive, "SELECT count(*) FROM resources")).isPositive();
    // A second run with one more such column adds it to the archive table.
    try (StoreFixture f = StoreFixture.create(db)) {
      f.sql("ALTER TABLE executions ADD COLUMN \"group by\" INTEGER");
      f.sql("UPDATE executions SET \"group by\" = 7");
    }
    ArchiveResult second =
        new Archiver(StoreFixture.CLOCK).archive(db, cutoff.plus(Duration.ofDays(30)), archiveDir);
    assertThat(second.removed().get("executions")).isPositive();
    assertThat(count(archive, "SELECT count(*) FROM executions WHERE \"group by\" = 7"))
        .isEqualTo(second.removed().get("executions"));
    assertUnionIsTheOriginal();
  }

  @Test
  void aProducerColumnNamedSrcRowidArrivesWithEveryValue() throws Exception {
    addProducerSrcRowid(db);
    Map<String, List<String>> producerBefore = producerSrcRowids(db);

    new Archiver(StoreFixture.CLOCK).archive(db, cutoff, archiveDir);

    Path archive = archiveDir.resolve(Archiver.FILE_NAME);
    assertThat(count(archive, "SELECT count(*) FROM resources")).isPositive();
    assertThat(count(archive, "SELECT count(*) FROM timers")).isPositive();
    for (String table : List.of("resources", "timers")) {
      List<String> union = new ArrayList<>(producerSrcRowids(db).get(table));
      union.addAll(producerSrcRowids(archive).get(table));
      Collections.sort(union);
      assertThat(union).as(table).containsExactlyElementsOf(producerBefore.get(table));
    }
    assertUnionIsTheOriginal();
  }

  @Test
  void aProducerSrcRowidAddedAfterTheArchiveWasMadeIsCarriedAndTheArchiveStillResumes()
      throws Exception {
    new Archiver(StoreFixture.CLOCK).archive(db, cutoff.minus(Duration.ofDays(40)), archiveDir);
    Path archive = archiveDir.resolve(Archiver.FILE_NAME);
    assertThat(count(archive, "PRAGMA user_version")).isEqualTo(1); // as earlier versions made it
    addProducerSrcRowid(db);
    Map<String, List<String>> producerInStore = producerSrcRowids(db);
    Archiver interrupted =
        new Archiver(
            StoreFixture.CLOCK,
            p -> {
              if (p == Archiver.Phase.COPIED) {
                throw new IllegalStateException("simulated crash at " + p);
              }
            });
    assertThatThrownBy(() -> interrupted.archive(db, cutoff, archiveDir))
        .hasMessageContaining("simulated crash");

    // The copies made before the crash are recognised by the archive's renamed key column.
    ArchiveResult resumed = new Archiver(StoreFixture.CLOCK).archive(db, cutoff, archiveDir);

    assertThat(resumed.copied().values()).containsOnly(0L);
    assertThat(resumed.removed().get("resources")).isPositive();
    assertThat(resumed.removed().get("timers")).isPositive();
    for (String table : List.of("resources", "timers")) {
      List<String> union = new ArrayList<>(producerSrcRowids(db).get(table));
      for (String row : producerSrcRowids(archive).get(table)) {
        if (!row.endsWith("|null")) { // archived before the producer added its column
          union.add(row);
        }
      }
      Collections.sort(union);
      assertThat(union).as(table).containsExactlyElementsOf(producerInStore.get(table));
    }
    assertUnionIsTheOriginal();
    assertThat(count(archive, "PRAGMA user_version")).isEqualTo(2);
    assertThat(
            count(
                archive,
                "SELECT count(*) FROM archive_meta"
                    + " WHERE key LIKE 'source_rowid_column.%' AND value = 'archive_src_rowid'"))
        .isEqualTo(2);
    assertThat(new Archiver(StoreFixture.CLOCK).archive(db, cutoff, archiveDir).copied().values())
        .containsOnly(0L);
  }

  /** Another producer's column that happens to share the archive's name for store rowids. */
  @ParameterizedTest
  @ValueSource(strings = {"executions", "steps", "recoveries", "resources", "timers"})
  void aProducerColumnNamedRowidNeitherHidesNorLosesRows(String table) throws Exception {
    try (StoreFixture f = StoreFixture.create(db)) {
      // The same value in every row: a match on this column instead of SQLite's rowid would take
      // every row, recent and running ones included, for an old one.
      f.sql("ALTER TABLE " + table + " ADD COLUMN rowid INTEGER");
      f.sql("UPDATE " + table + " SET rowid = 7");
    }
    before = snapshot(db, null);

    new Archiver(StoreFixture.CLOCK).archive(db, cutoff, archiveDir);

    assertUnionIsTheOriginal();
    assertThat(count(db, "SELECT count(*) FROM executions WHERE execution_id = 'run-old'"))
        .isEqualTo(1);
    assertThat(count(db, "SELECT count(*) FROM " + table + " WHERE rowid = 7")).isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {"executions", "steps", "recoveries", "resources", "timers"})
  void pruneWithAProducerColumnNamedRowidDeletesOnlyOldRows(String table) throws Exception {
    try (StoreFixture f = StoreFixture.create(db)) {
      f.sql("ALTER TABLE " + table + " ADD COLUMN rowid INTEGER");
      f.sql("UPDATE " + table + " SET rowid = 7");
    }
    ArchiveResult r = new Archiver(StoreFixture.CLOCK).prune(db, cutoff);
    assertThat(r.removed().get("executions")).isEqualTo(22);
    assertThat(count(db, "SELECT count(*) FROM executions")).isEqualTo(9);
    assertThat(count(db, "SELECT count(*) FROM steps WHERE execution_id = 'run-old'")).isEqualTo(1);
  }

  @Test
  void aTableWhoseRowidNamesAreAllColumnsIsRefusedAndNothingMoves() throws Exception {
    try (StoreFixture f = StoreFixture.create(db)) {
      f.sql("ALTER TABLE resources ADD COLUMN rowid INTEGER");
      f.sql("ALTER TABLE resources ADD COLUMN _rowid_ INTEGER");
      f.sql("ALTER TABLE resources ADD COLUMN OID INTEGER");
    }
    before = snapshot(db, null);

    assertThatThrownBy(() -> new Archiver(StoreFixture.CLOCK).archive(db, cutoff, archiveDir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("resources");
    assertThat(snapshot(db, null)).isEqualTo(before);
    assertThat(archiveDir.resolve(Archiver.FILE_NAME)).doesNotExist();
  }

  private static void addProducerSrcRowid(Path store) {
    try (StoreFixture f = StoreFixture.create(store)) {
      f.sql("ALTER TABLE resources ADD COLUMN src_rowid TEXT");
      f.sql("UPDATE resources SET src_rowid = 'bot-sample-' || (rowid * 7)");
      // Integers like the rowids the archive keeps, but not equal to them.
      f.sql("ALTER TABLE timers ADD COLUMN src_rowid INTEGER");
      f.sql("UPDATE timers SET src_rowid = 1000 + rowid * 3");
    }
  }

  /** Each resource and timer row as {@code ts|host or name|src_rowid}, sorted per table. */
  private static Map<String, List<String>> producerSrcRowids(Path file) throws SQLException {
    Map<String, List<String>> result = new java.util.HashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement()) {
      for (String[] q : new String[][] {{"resources", "host"}, {"timers", "name"}}) {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT ts, " + q[1] + ", src_rowid FROM " + q[0])) {
          while (rs.next()) {
            rows.add(rs.getObject(1) + "|" + rs.getObject(2) + "|" + rs.getObject(3));
          }
        }
        Collections.sort(rows);
        result.put(q[0], rows);
      }
    }
    return result;
  }

  @ParameterizedTest
  @ValueSource(strings = {"file", "folder"})
  void aStoreThatCannotBeWrittenIsRefusedBeforeAnythingIsCreated(String readOnly) throws Exception {
    Path store = db;
    if (readOnly.equals("folder")) {
      store = Files.createDirectories(dir.resolve("read-only")).resolve("store.db");
      Files.move(db, store);
    }
    Path protectedPath = readOnly.equals("file") ? store : store.getParent();
    assertThat(protectedPath.toFile().setWritable(false, false)).isTrue();
    CliRun r;
    try {
      r =
          runWithoutPermissionOverride(
              protectedPath,
              "archive",
              "--db",
              store.toString(),
              "--older-than",
              "90d",
              "--to",
              archiveDir.toString());
    } finally {
      protectedPath.toFile().setWritable(true);
    }

    assertThat(archiveDir).as(r.err()).doesNotExist();
    assertThat(snapshot(store, null)).isEqualTo(before);
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.err().strip())
        .contains("cannot write " + store)
        .contains("read-only")
        .doesNotContain("\n");
  }

  @Test
  void aStoreThatCannotBeWrittenLeavesAnExistingArchiveAsItWas() throws Exception {
    new Archiver(StoreFixture.CLOCK).archive(db, cutoff.minus(Duration.ofDays(60)), archiveDir);
    Path archive = archiveDir.resolve(Archiver.FILE_NAME);
    byte[] archiveBefore = Files.readAllBytes(archive);
    Map<String, List<String>> storeBefore = snapshot(db, null);
    assertThat(db.toFile().setWritable(false, false)).isTrue();
    CliRun r;
    try {
      r =
          runWithoutPermissionOverride(
              db,
              "archive",
              "--db",
              db.toString(),
              "--older-than",
              "90d",
              "--to",
              archiveDir.toString());
    } finally {
      db.toFile().setWritable(true);
    }

    assertThat(Files.readAllBytes(archive)).isEqualTo(archiveBefore);
    try (Stream<Path> files = Files.list(archiveDir)) {
      assertThat(files).containsExactly(archive);
    }
    assertThat(snapshot(db, null)).isEqualTo(storeBefore);
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(
      value = Archiver.Phase.class,
      names = {"COPIED", "VERIFIED", "DELETING"})
  void aRunThatFailsBeforeTheStoreLosesARowRemovesTheArchiveFileItCreated(Archiver.Phase phase)
      throws Exception {
    Archiver failing =
        new Archiver(
            StoreFixture.CLOCK,
            p -> {
              if (p == phase) {
                throw new IllegalStateException("simulated failure at " + p);
              }
            });

    assertThatThrownBy(() -> failing.archive(db, cutoff, archiveDir))
        .hasMessageContaining("simulated failure");

    try (Stream<Path> files = Files.list(archiveDir)) {
      assertThat(files).isEmpty();
    }
    assertThat(snapshot(db, null)).isEqualTo(before);
  }

  @Test
  void aStoreThatRefusesItsFirstWriteLeavesNoArchiveFile() throws Exception {
    // Fails where a read-only store that passed the up-front check would: at the first write to
    // the store, once the archive file exists.
    try (StoreFixture f = StoreFixture.create(db)) {
      f.sql("CREATE TABLE analytics_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      f.sql(
          "CREATE TRIGGER refuse_writes BEFORE INSERT ON analytics_meta"
              + " BEGIN SELECT RAISE(ABORT, 'this store takes no writes'); END");
    }

    assertThatThrownBy(() -> new Archiver(StoreFixture.CLOCK).archive(db, cutoff, archiveDir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("this store takes no writes");

    try (Stream<Path> files = Files.list(archiveDir)) {
      assertThat(files).isEmpty();
    }
    assertThat(snapshot(db, null)).isEqualTo(before);
  }

  @Test
  void aFailedRunKeepsAnArchiveThatExistedBefore() throws Exception {
    new Archiver(StoreFixture.CLOCK).archive(db, cutoff.minus(Duration.ofDays(60)), archiveDir);
    Path archive = archiveDir.resolve(Archiver.FILE_NAME);
    Map<String, List<String>> archivedBefore = snapshot(archive, null);
    Archiver failing =
        new Archiver(
            StoreFixture.CLOCK,
            p -> {
              throw new IllegalStateException("simulated failure at " + p);
            });

    assertThatThrownBy(() -> failing.archive(db, cutoff, archiveDir))
        .hasMessageContaining("simulated failure");

    Map<String, List<String>> archived = snapshot(archive, null);
    for (String table : COLUMNS.keySet()) {
      assertThat(archived.get(table)).as(table).containsAll(archivedBefore.get(table));
    }
    assertThat(archivedBefore.get("executions")).isNotEmpty();
    assertNoRowLostOrDuplicated();
  }

  @Test
  void aForeignFileInTheArchiveFolderIsRefusedAndLeftAsItWas() throws Exception {
    Files.createDirectories(archiveDir);
    Path foreign = archiveDir.resolve(Archiver.FILE_NAME);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + foreign);
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE executions(x INTEGER)");
      st.execute("INSERT INTO executions VALUES (1)");
      st.execute("PRAGMA user_version = 9");
    }
    byte[] bytes = Files.readAllBytes(foreign);
    CliRun r =
        CliRun.run(
            "archive", "--db", db.toString(), "--older-than", "90d", "--to", archiveDir.toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip())
        .contains(foreign.toString())
        .contains("not an archive")
        .doesNotContain("\n");
    assertThat(Files.readAllBytes(foreign)).isEqualTo(bytes);
    assertThat(snapshot(db, null)).isEqualTo(before);
  }

  @Test
  void aStoreCopiedToTheArchiveNameIsRefused() throws Exception {
    Files.createDirectories(archiveDir);
    Path copy = archiveDir.resolve(Archiver.FILE_NAME);
    try (StoreFixture f = StoreFixture.create(copy)) {
      f.execution("x", "w", ago(Duration.ofDays(1)), 5.0, "success");
    }
    assertThatThrownBy(() -> new Archiver(StoreFixture.CLOCK).archive(db, cutoff, archiveDir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(copy.toString())
        .hasMessageContaining("not an archive");
    assertThat(snapshot(db, null)).isEqualTo(before);
  }

  @Test
  void aFileThatIsNotSqliteIsRefused() throws Exception {
    Files.createDirectories(archiveDir);
    Path junk = archiveDir.resolve(Archiver.FILE_NAME);
    Files.writeString(junk, "not a database, just text that is long enough to be a header");
    assertThatThrownBy(() -> new Archiver(StoreFixture.CLOCK).archive(db, cutoff, archiveDir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(junk.toString());
  }

  @Test
  void anExistingArchiveIsAppendedTo() throws Exception {
    new Archiver(StoreFixture.CLOCK).archive(db, cutoff, archiveDir);
    long archived =
        count(archiveDir.resolve(Archiver.FILE_NAME), "SELECT count(*) FROM executions");
    CliRun r =
        CliRun.run(
            "archive", "--db", db.toString(), "--older-than", "30d", "--to", archiveDir.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(count(archiveDir.resolve(Archiver.FILE_NAME), "SELECT count(*) FROM executions"))
        .isGreaterThan(archived);
    assertUnionIsTheOriginal();
  }

  @Test
  void anotherStoreIsRefusedByAnArchiveAndLosesNothing() throws Exception {
    new Archiver(StoreFixture.CLOCK).archive(db, cutoff, archiveDir);
    // Another bot's store whose producer numbers its executions the same way ("e0", "e1", ...).
    Path other = dir.resolve("other.db");
    try (StoreFixture f = StoreFixture.create(other)) {
      for (int i = 10; i < 15; i++) { // ids the first store's archive already holds
        long t = ago(Duration.ofDays(120 + i));
        f.execution("e" + i, "other-workflow", t, 7_000.0 + i, "success")
            .step("e" + i, "other-workflow", "n", "api", 1, t, 6_000, "success", null);
      }
    }
    Map<String, List<String>> otherBefore = snapshot(other, null);
    Path archive = archiveDir.resolve(Archiver.FILE_NAME);
    Map<String, List<String>> archiveBefore = snapshot(archive, null);

    CliRun r =
        CliRun.run(
            "archive",
            "--db",
            other.toString(),
            "--older-than",
            "90d",
            "--to",
            archiveDir.toString());

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.err().strip())
        .contains("holds the archive of another store")
        .contains("its own --to folder")
        .doesNotContain("\n");
    assertThat(snapshot(other, null)).isEqualTo(otherBefore);
    assertThat(snapshot(archive, null)).isEqualTo(archiveBefore);
    // The store it belongs to still archives into it.
    CliRun again =
        CliRun.run(
            "archive", "--db", db.toString(), "--older-than", "30d", "--to", archiveDir.toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertUnionIsTheOriginal();
  }

  @Test
  void anArchiveFromBeforeStoreIdsThatHoldsRowsIsRefusedAndAnEmptyOneIsClaimed() throws Exception {
    Path other = dir.resolve("other.db");
    Files.copy(db, other); // the fixture's rows, none archived yet
    new Archiver(StoreFixture.CLOCK).archive(db, cutoff, archiveDir);
    Path archive = archiveDir.resolve(Archiver.FILE_NAME);
    dropArchiveMeta(archive); // as an archive of an earlier version has none
    Map<String, List<String>> storeBefore = snapshot(db, null);
    Map<String, List<String>> archiveBefore = snapshot(archive, null);

    // Not even the store it came from may claim it: nothing tells whose rows it holds.
    CliRun r =
        CliRun.run(
            "archive", "--db", db.toString(), "--older-than", "30d", "--to", archiveDir.toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.err().strip()).contains("earlier version").contains("new --to folder");
    assertThat(snapshot(db, null)).isEqualTo(storeBefore);
    assertThat(snapshot(archive, null)).isEqualTo(archiveBefore);

    // An archive of an earlier version that holds no row yet is simply claimed.
    Path emptyDir = dir.resolve("empty-archive");
    new Archiver(StoreFixture.CLOCK)
        .archive(other, StoreFixture.NOW.minus(Duration.ofDays(1000)), emptyDir);
    dropArchiveMeta(emptyDir.resolve(Archiver.FILE_NAME));
    new Archiver(StoreFixture.CLOCK).archive(other, cutoff, emptyDir);
    assertThat(
            count(
                emptyDir.resolve(Archiver.FILE_NAME),
                "SELECT count(*) FROM archive_meta WHERE key = 'store_id'"))
        .isEqualTo(1);
    assertThat(count(emptyDir.resolve(Archiver.FILE_NAME), "SELECT count(*) FROM executions"))
        .isPositive();
  }

  private static void dropArchiveMeta(Path archive) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + archive);
        Statement st = c.createStatement()) {
      st.execute("DROP TABLE archive_meta");
    }
  }

  @Test
  void theArchiveOfASyntheticStoreIsMarkedSynthetic() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE analytics_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      st.execute("INSERT INTO analytics_meta VALUES ('synthetic', 'true')");
    }
    new Archiver(StoreFixture.CLOCK).archive(db, cutoff, archiveDir);
    assertThat(
            count(
                archiveDir.resolve(Archiver.FILE_NAME),
                "SELECT count(*) FROM archive_meta WHERE key = 'synthetic' AND value = 'true'"))
        .isEqualTo(1);
  }

  @Test
  void anEmptyFileIsMadeAnArchive() throws Exception {
    Files.createDirectories(archiveDir);
    Files.createFile(archiveDir.resolve(Archiver.FILE_NAME));
    new Archiver(StoreFixture.CLOCK).archive(db, cutoff, archiveDir);
    assertUnionIsTheOriginal();
  }

  @Test
  void pruneDeletesTheSameRowsWithoutACopy() throws Exception {
    ArchiveResult r = new Archiver(StoreFixture.CLOCK).prune(db, cutoff);
    assertThat(r.removed().get("executions")).isEqualTo(22);
    assertThat(Files.exists(archiveDir)).isFalse();
    assertThat(count(db, "SELECT count(*) FROM executions")).isEqualTo(9);
  }

  @Test
  void theCommandsReportWhatTheyMovedAndRejectBadInput() {
    CliRun r =
        CliRun.run(
            "archive", "--db", db.toString(), "--older-than", "90d", "--to", archiveDir.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("22 executions").contains("44 steps");
    CliRun bad =
        CliRun.run(
            "archive",
            "--db",
            dir.resolve("nope.db").toString(),
            "--older-than",
            "90d",
            "--to",
            archiveDir.toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err().strip()).contains("no such file").doesNotContain("\n");
    CliRun unconfirmed = CliRun.run("prune", "--db", db.toString(), "--older-than", "90d");
    assertThat(unconfirmed.exitCode()).isEqualTo(2);
    CliRun prune = CliRun.run("prune", "--db", db.toString(), "--older-than", "1d", "--yes");
    assertThat(prune.exitCode()).as(prune.err()).isZero();
    assertThat(prune.out()).contains("8 executions");
  }

  /**
   * Runs the CLI in a JVM of its own that cannot write what {@code readOnly} protects. Root may
   * write a read-only file (CAP_DAC_OVERRIDE), so as root the JVM runs without that capability.
   */
  private CliRun runWithoutPermissionOverride(Path readOnly, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    if (Files.isWritable(readOnly)) {
      List<String> withoutOverride = List.of("setpriv", "--bounding-set", "-dac_override", "--");
      assumeTrue(
          exitCode(concat(withoutOverride, List.of("test", "-w", readOnly.toString()))) == 1,
          "running as a user who can write read-only files, and setpriv cannot drop that");
      command.addAll(withoutOverride);
    }
    command.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            RpaInsightsCli.class.getName()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "cli", ".out");
    Path err = Files.createTempFile(dir, "cli", ".err");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new CliRun(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static int exitCode(List<String> command) throws Exception {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().transferTo(OutputStream.nullOutputStream());
      return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
    } catch (IOException notInstalled) {
      return -1;
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private void assertUnionIsTheOriginal() throws Exception {
    Map<String, List<String>> store = snapshot(db, null);
    Map<String, List<String>> archive = snapshot(archiveDir.resolve(Archiver.FILE_NAME), null);
    for (String table : COLUMNS.keySet()) {
      List<String> union = new ArrayList<>(store.get(table));
      union.addAll(archive.get(table));
      Collections.sort(union);
      assertThat(union).as(table).containsExactlyElementsOf(before.get(table));
    }
  }

  /**
   * After an interruption: every original row is in the store or the archive, none twice in one.
   */
  private void assertNoRowLostOrDuplicated() throws Exception {
    Map<String, List<String>> store = snapshot(db, null);
    Path archive = archiveDir.resolve(Archiver.FILE_NAME);
    Map<String, List<String>> arc = Files.exists(archive) ? snapshot(archive, null) : Map.of();
    for (String table : COLUMNS.keySet()) {
      List<String> union = new ArrayList<>(store.get(table));
      for (String row : arc.getOrDefault(table, List.of())) {
        if (!store.get(table).contains(row)) {
          union.add(row);
        }
      }
      Collections.sort(union);
      assertThat(union).as(table).containsExactlyElementsOf(before.get(table));
      assertThat(store.get(table))
          .as(table)
          .containsExactlyInAnyOrderElementsOf(new ArrayList<>(store.get(table)));
    }
  }

  private static Map<String, List<String>> snapshot(Path file, String unused) throws SQLException {
    Map<String, List<String>> result = new java.util.HashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement()) {
      for (Map.Entry<String, String> e : COLUMNS.entrySet()) {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT " + e.getValue() + " FROM " + e.getKey())) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i <= n; i++) {
              sb.append(rs.getObject(i)).append('|');
            }
            rows.add(sb.toString());
          }
        }
        Collections.sort(rows);
        result.put(e.getKey(), rows);
      }
    }
    return result;
  }

  private static long count(Path file, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
