package io.rpainsights.analytics.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rpainsights.analytics.store.InvalidInputException;
import io.rpainsights.analytics.testing.CliRun;
import io.rpainsights.analytics.testing.DesignTables;
import io.rpainsights.analytics.testing.StoreFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HistoryGeneratorTest {
  @TempDir Path dir;

  private static GeneratorConfig config(long seed) {
    return GeneratorConfig.of(3_000, Duration.ofDays(10), 5, seed, StoreFixture.NOW);
  }

  @Test
  void twoRunsOnTheSameNewFileLeaveTheOneThatSucceededIntact() throws Exception {
    Path db = dir.resolve("race.db");
    GeneratorConfig config = GeneratorConfig.of(20_000, Duration.ofDays(3), 3, 5, StoreFixture.NOW);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.ConcurrentLinkedQueue<Object> outcomes =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    Thread[] runs = new Thread[2];
    for (int i = 0; i < runs.length; i++) {
      runs[i] =
          new Thread(
              () -> {
                try {
                  go.await();
                  outcomes.add(new HistoryGenerator().generate(db, config, null));
                } catch (Throwable failed) {
                  outcomes.add(failed);
                }
              });
      runs[i].start();
    }
    go.countDown();
    for (Thread run : runs) {
      run.join(TimeUnit.MINUTES.toMillis(2));
    }
    assertThat(outcomes).hasSize(2);
    assertThat(outcomes)
        .as("outcomes: %s", describe(outcomes))
        .filteredOn(o -> o instanceof GenerationSummary)
        .hasSize(1);
    assertThat(db).exists();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      assertThat(scalar(st, "SELECT count(*) FROM executions WHERE status <> 'running'"))
          .isEqualTo(20_000);
    }
  }

  private static String describe(Iterable<Object> outcomes) {
    StringBuilder out = new StringBuilder();
    for (Object o : outcomes) {
      if (o instanceof Throwable) {
        java.io.StringWriter trace = new java.io.StringWriter();
        ((Throwable) o).printStackTrace(new java.io.PrintWriter(trace));
        out.append(trace).append('\n');
      } else {
        out.append(o).append('\n');
      }
    }
    return out.toString();
  }

  @Test
  void everyRowIsMarkedSyntheticAndTheCountsAddUp() throws Exception {
    Path db = dir.resolve("g.db");
    GenerationSummary s = new HistoryGenerator().generate(db, config(1), null);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      assertThat(scalar(st, "SELECT count(*) FROM executions WHERE status <> 'running'"))
          .isEqualTo(3_000);
      assertThat(scalar(st, "SELECT count(*) FROM executions WHERE status = 'running'"))
          .isEqualTo(s.running());
      assertThat(scalar(st, "SELECT count(*) FROM executions WHERE host <> 'synthetic'")).isZero();
      assertThat(scalar(st, "SELECT count(*) FROM executions WHERE execution_id NOT LIKE 'syn-%'"))
          .isZero();
      assertThat(scalar(st, "SELECT count(*) FROM steps")).isEqualTo(s.steps());
      assertThat(scalar(st, "SELECT count(*) FROM recoveries")).isEqualTo(s.recoveries());
      assertThat(scalar(st, "SELECT count(*) FROM resources")).isEqualTo(s.resources());
      assertThat(scalar(st, "SELECT count(DISTINCT workflow_id) FROM executions")).isEqualTo(5);
      try (ResultSet rs =
          st.executeQuery("SELECT value FROM analytics_meta WHERE key = 'synthetic'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("true");
      }
      // Steps of finished executions match their counters: completed = success + recovered.
      assertThat(
              scalar(
                  st,
                  "SELECT count(*) FROM executions e WHERE status <> 'running' AND steps_completed"
                      + " <> (SELECT count(*) FROM steps s WHERE s.execution_id = e.execution_id"
                      + " AND s.status IN ('success', 'recovered'))"))
          .isZero();
      assertThat(scalar(st, "SELECT max(started_at) FROM executions"))
          .isLessThanOrEqualTo(StoreFixture.NOW.toEpochMilli());
      try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
      }
    }
    assertThat(s.spikedExecutionIds()).isNotEmpty().allMatch(id -> id.startsWith("syn-"));
    assertThat(s.degradedWorkflowId()).isEqualTo("invoice-processing");
  }

  @Test
  void theSameSeedWritesTheSameRows() throws Exception {
    Path a = dir.resolve("a.db");
    Path b = dir.resolve("b.db");
    Path c = dir.resolve("c.db");
    new HistoryGenerator().generate(a, config(9), null);
    new HistoryGenerator().generate(b, config(9), null);
    new HistoryGenerator().generate(c, config(10), null);
    assertThat(digest(a)).isEqualTo(digest(b)).isNotEqualTo(digest(c));
  }

  @Test
  void refusesToMixSyntheticRowsIntoAStoreWithData() {
    Path db = dir.resolve("captured.db");
    try (StoreFixture f = StoreFixture.create(db)) {
      f.execution("real-1", "w", StoreFixture.NOW.toEpochMilli() - 1000, 5.0, "success");
    }
    assertThatThrownBy(() -> new HistoryGenerator().generate(db, config(1), null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("already holds 1 executions");
  }

  @Test
  void theCommandWritesAndReports() {
    Path db = dir.resolve("cli.db");
    CliRun r =
        CliRun.run(
            "generate",
            "--db",
            db.toString(),
            "--executions",
            "500",
            "--days",
            "3",
            "--workflows",
            "3",
            "--seed",
            "5");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("500 executions").contains("synthetic, seed 5");
    CliRun again =
        CliRun.run("generate", "--db", db.toString(), "--executions", "5", "--days", "1");
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err().strip()).contains("refusing").doesNotContain("\n");
  }

  @Test
  void aLongSpanWithFewExecutionsNeedsLittleMemory() throws Exception {
    // 120 days of one-minute resource samples (172,800 rows) ran out of a 32 MB heap when they
    // all waited in one JDBC batch; in bounded chunks they fit in a fraction of it.
    Path db = dir.resolve("long.db");
    long t0 = System.nanoTime();
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m",
                "-cp",
                System.getProperty("java.class.path"),
                GenerateMain.class.getName(),
                db.toString(),
                "120",
                "10")
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("resources=" + (120 * 1440 + 1));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      assertThat(scalar(st, "SELECT count(*) FROM resources")).isEqualTo(120 * 1440 + 1);
      assertThat(scalar(st, "SELECT count(*) FROM executions WHERE status <> 'running'"))
          .isEqualTo(10);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void daysAndExecutionsBeyondTheirBoundsAreBadInput() {
    Path db = dir.resolve("bounds.db");
    CliRun days =
        CliRun.run("generate", "--db", db.toString(), "--executions", "10", "--days", "36501");
    assertThat(days.exitCode()).as(days.err()).isEqualTo(2);
    assertThat(days.err().strip()).contains("--days").contains("36500").doesNotContain("\n");
    CliRun executions =
        CliRun.run("generate", "--db", db.toString(), "--executions", "10000001", "--days", "1");
    assertThat(executions.exitCode()).as(executions.err()).isEqualTo(2);
    assertThat(executions.err().strip())
        .contains("--executions")
        .contains("10000000")
        .doesNotContain("\n");
    assertThat(db).doesNotExist();
    assertThatThrownBy(
            () -> GeneratorConfig.of(10, Duration.ofDays(36_501), 5, 1, StoreFixture.NOW))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(
            () ->
                GeneratorConfig.of(
                    GeneratorConfig.MAX_EXECUTIONS + 1, Duration.ofDays(1), 5, 1, StoreFixture.NOW))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void aFailedRunLeavesNoHalfMadeStoreBehind() {
    Path db = dir.resolve("failed.db");
    HistoryGenerator.Progress failing =
        (done, total) -> {
          throw new IllegalStateException("simulated failure after " + done);
        };
    assertThatThrownBy(() -> new HistoryGenerator().generate(db, config(1), failing))
        .hasMessageContaining("simulated failure");
    assertThat(db).doesNotExist();
    assertThat(dir.resolve("failed.db-wal")).doesNotExist();
    assertThat(dir.resolve("failed.db-journal")).doesNotExist();
    new HistoryGenerator().generate(db, config(1), null);
    assertThat(db).exists();
  }

  @Test
  void aStoreLeftByAnInterruptedRunIsRefusedWithWhatToDo() throws Exception {
    Path db = dir.resolve("interrupted.db");
    try (StoreFixture f = StoreFixture.create(db)) {
      f.execution("syn-0000000", "w", StoreFixture.NOW.toEpochMilli() - 1000, 5.0, "success");
      f.sql("CREATE TABLE analytics_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      f.sql("INSERT INTO analytics_meta VALUES ('synthetic', 'true')");
    }
    CliRun r = CliRun.run("generate", "--db", db.toString(), "--executions", "5", "--days", "1");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip()).contains("synthetic").contains("delete " + db).doesNotContain("\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"executions", "steps", "recoveries", "resources", "timers"})
  void refusesAStoreWithRowsInAnyDocumentedTable(String table) throws Exception {
    Path db = dir.resolve("real-" + table + ".db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      // The documented schema as another producer writes it, with one row in one table.
      DesignTables.create(st);
      st.execute(
          switch (table) {
            case "executions" ->
                "INSERT INTO executions(execution_id, workflow_id, started_at, status)"
                    + " VALUES ('real-1', 'w', 1, 'success')";
            case "steps" ->
                "INSERT INTO steps(execution_id, workflow_id, started_at, duration_ms, status)"
                    + " VALUES ('real-1', 'w', 1, 5.0, 'success')";
            case "recoveries" ->
                "INSERT INTO recoveries(success, started_at, duration_ms) VALUES (1, 1, 5.0)";
            case "resources" -> "INSERT INTO resources(ts, host) VALUES (1, 'bot-1')";
            default ->
                "INSERT INTO timers(ts, name, duration_ms, success) VALUES (1, 'ocr', 5.0, 1)";
          });
    }
    byte[] bytes = Files.readAllBytes(db);
    CliRun r = CliRun.run("generate", "--db", db.toString(), "--executions", "10", "--days", "1");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip())
        .contains("refusing")
        .contains("1 " + table)
        .contains("generate writes a new store")
        .doesNotContain("\n");
    assertThat(Files.readAllBytes(db)).isEqualTo(bytes);
  }

  private static long scalar(Statement st, String sql) throws Exception {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String digest(Path db) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      for (String sql :
          new String[] {
            "SELECT * FROM executions ORDER BY execution_id",
            "SELECT * FROM steps ORDER BY id",
            "SELECT * FROM recoveries ORDER BY id",
            "SELECT * FROM resources ORDER BY ts"
          }) {
        try (ResultSet rs = st.executeQuery(sql)) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= n; i++) {
              md.update(
                  String.valueOf(rs.getObject(i))
                      .getBytes(java.nio.charset.StandardCharsets.UTF_8));
              md.update((byte) 0);
            }
          }
        }
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
