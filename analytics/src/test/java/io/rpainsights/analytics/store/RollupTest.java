package io.rpainsights.analytics.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.analytics.archive.Archiver;
import io.rpainsights.analytics.generate.GeneratorConfig;
import io.rpainsights.analytics.generate.HistoryGenerator;
import io.rpainsights.analytics.testing.StoreFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollup answers exactly what the rows answer — checked against the rows read with plain SQL —
 * on a generated history, and stays right when rows arrive late, executions finish, rows are
 * archived, pruned or deleted anywhere, and when two stores share one file.
 */
class RollupTest {
  /** Noon: every window starts and ends inside a day, so partial days are cut. */
  static final Instant NOW = StoreFixture.NOW;

  static final long DAY = Rollup.DAY_MS;

  @TempDir static Path shared;
  static Path base;

  @TempDir Path dir;
  Path db;

  @BeforeAll
  static void history() {
    base = shared.resolve("base.db");
    new HistoryGenerator()
        .generate(base, GeneratorConfig.of(6_000, Duration.ofDays(10), 4, 5, NOW), null);
  }

  @BeforeEach
  void copy() throws Exception {
    db = dir.resolve("r.db");
    Files.copy(base, db);
  }

  /** A week to now and a window cut inside two days long ago. */
  static final List<Window> WINDOWS =
      List.of(
          Window.last(Duration.ofDays(7), NOW),
          new Window(
              NOW.minus(Duration.ofDays(6)).minusMillis(1), NOW.minus(Duration.ofHours(30))));

  /** Also: longer than the history, one day, starting at midnight, too short for the rollup. */
  static final List<Window> MORE_WINDOWS =
      List.of(
          Window.last(Duration.ofDays(30), NOW),
          Window.last(Duration.ofDays(1), NOW),
          new Window(
              Instant.ofEpochMilli(Math.floorDiv(NOW.toEpochMilli(), DAY) * DAY - 3 * DAY), NOW),
          Window.last(Duration.ofHours(5), NOW));

  @Test
  void everyFilterAndWindowAnswersTheSameAsTheRows() throws Exception {
    try (Store rolled = Store.open(db, StoreOptions.defaults().withoutCache());
        Store rows = Store.open(db, StoreOptions.defaults().withoutCache().withoutRollups())) {
      StoreReader a = new StoreReader(rolled);
      StoreReader b = new StoreReader(rows);
      assertSame(a, b, MORE_WINDOWS);
      // Twice: the first read rolls the days up, the second reads them back.
      assertSame(a, b, MORE_WINDOWS);
      assertSame(a, b);
      assertThat(a.rollup().fallbacks()).isZero();
    }
    // Ten days and a half of history, four workflows: a 30-day window keeps no empty days
    // before the first row.
    assertThat(count("SELECT count(*) FROM analytics_rollup_days WHERE kind = 'steps'"))
        .isBetween(4 * 10L, 4 * 11L);
  }

  @Test
  void stepRunsEqualThePlainSqlRowsOfTheWindow() throws Exception {
    Window w = new Window(NOW.minus(Duration.ofDays(7)).plusMillis(123), NOW);
    try (Store rolled = Store.open(db, StoreOptions.defaults().withoutCache())) {
      StoreReader a = new StoreReader(rolled);
      a.stepRuns(RowFilter.of("invoice-processing", w));
      List<RunGroup> groups = a.stepRuns(RowFilter.of("invoice-processing", w));
      assertThat(groups.stream().mapToLong(RunGroup::count).sum())
          .isEqualTo(
              count(
                  "SELECT count(*) FROM steps WHERE workflow_id = 'invoice-processing'"
                      + " AND started_at >= "
                      + w.sinceMillis()
                      + " AND started_at < "
                      + w.untilMillis()))
          .isPositive();
      assertThat(a.rollup().fallbacks()).isZero();
      for (RunGroup g : groups) {
        double[] expected =
            doubles(
                "SELECT duration_ms FROM steps WHERE workflow_id = 'invoice-processing'"
                    + " AND node_id = ? AND action_type = ? AND status = ? AND started_at >= "
                    + w.sinceMillis()
                    + " AND started_at < "
                    + w.untilMillis(),
                g.nodeId(),
                g.actionType(),
                g.status());
        Arrays.sort(expected);
        assertThat(g.durations()).containsExactly(expected);
        assertThat(g.stepNumberSum())
            .isEqualTo(
                count(
                    "SELECT total(step_number) FROM steps WHERE workflow_id = 'invoice-processing'"
                        + " AND node_id = '"
                        + g.nodeId()
                        + "' AND status = '"
                        + g.status()
                        + "' AND started_at >= "
                        + w.sinceMillis()
                        + " AND started_at < "
                        + w.untilMillis()));
      }
    }
  }

  @Test
  void newLateAndFinishingRowsAreFoldedIntoTheirDays() throws Exception {
    try (Store rolled = Store.open(db, StoreOptions.defaults().withoutCache());
        Store rows = Store.open(db, StoreOptions.defaults().withoutCache().withoutRollups());
        Connection agent = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      StoreReader a = new StoreReader(rolled);
      StoreReader b = new StoreReader(rows);
      assertSame(a, b);
      long chunksBefore = count("SELECT count(*) FROM analytics_rollup_chunks");
      long now = NOW.toEpochMilli();
      // New rows today, late rows five days back, a running execution.
      insertExecution(agent, "late-1", "claims-intake", now - 5 * DAY + 3_600_000, 777.0, "failed");
      insertStep(
          agent,
          "late-1",
          "claims-intake",
          "late-node",
          now - 5 * DAY + 3_600_000,
          777,
          "failed",
          "LateError");
      insertExecution(agent, "new-1", "claims-intake", now - 60_000, 12.5, "success");
      insertStep(
          agent, "new-1", "claims-intake", "open-portal", now - 60_000, 12.5, "success", null);
      insertExecution(agent, "run-1", "claims-intake", now - 7 * 3_600_000, null, "running");
      insertRecovery(
          agent, "late-1", "claims-intake", "late-node", "retry", false, now - 5 * DAY + 3_600_100);
      assertSame(a, b);
      assertThat(count("SELECT count(*) FROM analytics_rollup_chunks")).isGreaterThan(chunksBefore);
      assertThat(count("SELECT count(*) FROM analytics_rollup_running")).isEqualTo(4);
      // The running execution finishes: its row is updated in place.
      try (Statement st = agent.createStatement()) {
        st.execute(
            "UPDATE executions SET status = 'timeout', duration_ms = 123456.0,"
                + " completed_at = started_at + 123456 WHERE execution_id = 'run-1'");
      }
      assertSame(a, b);
      assertThat(count("SELECT count(*) FROM analytics_rollup_running")).isEqualTo(3);
      RunGroup timeouts =
          a
              .executionRuns(RowFilter.of("claims-intake", Window.last(Duration.ofDays(1), NOW)))
              .stream()
              .filter(g -> g.status().equals("timeout"))
              .findFirst()
              .orElseThrow();
      assertThat(timeouts.durations()).contains(123456.0);
      assertThat(a.rollup().fallbacks()).isZero();
    }
  }

  @Test
  void archivePruneAndDeletesAnywhereRebuildTheDaysTheyTouch() throws Exception {
    try (Store rolled = Store.open(db, StoreOptions.defaults().withoutCache());
        Store rows = Store.open(db, StoreOptions.defaults().withoutCache().withoutRollups())) {
      StoreReader a = new StoreReader(rolled);
      StoreReader b = new StoreReader(rows);
      assertSame(a, b, MORE_WINDOWS);
      long oldestDay = Math.floorDiv(NOW.toEpochMilli(), DAY) - 10;
      assertThat(count("SELECT count(*) FROM analytics_rollup_days WHERE day = " + oldestDay))
          .isPositive();

      new Archiver(StoreFixture.CLOCK)
          .archive(db, NOW.minus(Duration.ofDays(8)).plusSeconds(7200), dir.resolve("archive"));
      assertSame(a, b);
      new Archiver(StoreFixture.CLOCK).prune(db, NOW.minus(Duration.ofDays(6)).minusSeconds(3600));
      assertSame(a, b);
      // Days before the oldest row left are dropped from the rollup.
      assertThat(count("SELECT count(*) FROM analytics_rollup_days WHERE day < " + (oldestDay + 3)))
          .isZero();

      // Rows deleted in the middle of a day, and the newest rows deleted and their rowids reused.
      long now = NOW.toEpochMilli();
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
          Statement st = c.createStatement()) {
        st.execute(
            "DELETE FROM steps WHERE id % 13 = 0 AND started_at BETWEEN "
                + (now - 3 * DAY)
                + " AND "
                + (now - 2 * DAY));
        st.execute(
            "DELETE FROM executions WHERE rowid % 11 = 0 AND started_at > " + (now - 2 * DAY));
        long top = count("SELECT max(id) FROM steps");
        st.execute("DELETE FROM steps WHERE id > " + (top - 5));
        assertSame(a, b);
        st.execute(
            "INSERT INTO steps(execution_id, workflow_id, node_id, action_type, step_number,"
                + " started_at, duration_ms, status) SELECT execution_id, workflow_id, node_id,"
                + " action_type, step_number, started_at - 3600000, duration_ms * 2, status FROM"
                + " steps WHERE id > "
                + (top - 40)
                + " LIMIT 5");
      }
      assertSame(a, b);
      // The newest row replaced by another with its rowid: seen once, then settled.
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
          Statement st = c.createStatement()) {
        long top = count("SELECT max(id) FROM steps");
        st.execute("DELETE FROM steps WHERE id = " + top);
        st.execute(
            "INSERT INTO steps(execution_id, workflow_id, node_id, action_type, step_number,"
                + " started_at, duration_ms, status) VALUES ('r', 'claims-intake', 'n', 'click',"
                + " 1, "
                + (now - 2 * DAY)
                + ", 5.0, 'success')");
        assertThat(count("SELECT max(id) FROM steps")).isEqualTo(top);
      }
      assertSame(a, b);
      // Another commit elsewhere makes every table's rollup look again: nothing left to do.
      long generation = count("SELECT value FROM analytics_rollup_meta WHERE key = 'generation'");
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
          Statement st = c.createStatement()) {
        st.execute("INSERT INTO resources(ts, host, system_cpu_pct) VALUES (" + now + ", 'h', 5)");
      }
      assertSame(a, b);
      assertThat(count("SELECT value FROM analytics_rollup_meta WHERE key = 'generation'"))
          .isEqualTo(generation);
      assertThat(a.rollup().fallbacks()).isZero();
    }
  }

  @Test
  void manySmallArrivalsAreCompactedAndStayExact() throws Exception {
    try (Store rolled = Store.open(db, StoreOptions.defaults().withoutCache());
        Store rows = Store.open(db, StoreOptions.defaults().withoutCache().withoutRollups());
        Connection agent = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      StoreReader a = new StoreReader(rolled);
      StoreReader b = new StoreReader(rows);
      RowFilter today = RowFilter.of("claims-intake", Window.last(Duration.ofDays(1), NOW));
      a.stepRuns(today);
      long now = NOW.toEpochMilli();
      long day = Math.floorDiv(now - 1, DAY);
      for (int i = 0; i < Rollup.MAX_CHUNKS_PER_DAY + 10; i++) {
        insertStep(
            agent,
            "x" + i,
            "claims-intake",
            "node-" + (i % 3),
            now - 1000 - i,
            1.0 + i,
            i % 5 == 0 ? "failed" : "success",
            i % 5 == 0 ? "E" : null);
        assertSameGroups(a.stepRuns(today), b.stepRuns(today));
        assertThat(a.rollup().fallbacks()).isZero();
        assertThat(
                count(
                    "SELECT count(*) FROM analytics_rollup_chunks WHERE kind = 'steps'"
                        + " AND workflow_id = 'claims-intake' AND day = "
                        + day))
            .isLessThanOrEqualTo(Rollup.MAX_CHUNKS_PER_DAY);
      }
    }
  }

  @Test
  void twoStoresOnOneFileNeverCountARowTwice() throws Exception {
    try (Store first = Store.open(db, StoreOptions.defaults().withoutCache());
        Store second = Store.open(db, StoreOptions.defaults().withoutCache());
        Store rows = Store.open(db, StoreOptions.defaults().withoutCache().withoutRollups());
        Connection agent = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      StoreReader a = new StoreReader(first);
      StoreReader a2 = new StoreReader(second);
      StoreReader b = new StoreReader(rows);
      long now = NOW.toEpochMilli();
      for (int i = 0; i < 6; i++) {
        insertExecution(
            agent, "two-" + i, "order-to-cash", now - 1000 * (i + 1), 10.0 * i, "success");
        insertStep(
            agent,
            "two-" + i,
            "order-to-cash",
            "n",
            now - 1000 * (i + 1) - 5 * DAY,
            i,
            "success",
            null);
        assertSame(i % 2 == 0 ? a : a2, b);
      }
      assertSame(a, b);
      assertSame(a2, b);
      assertThat(a.rollup().fallbacks() + a2.rollup().fallbacks()).isZero();
    }
  }

  @Test
  void aRollupItCannotReadOrAnotherLayoutIsNeverTrusted() throws Exception {
    try (Store first = Store.open(db, StoreOptions.defaults().withoutCache())) {
      new StoreReader(first).stepRuns(RowFilter.of(null, Window.last(Duration.ofDays(3), NOW)));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      st.execute("UPDATE analytics_rollup_meta SET value = 99 WHERE key = 'layout'");
    }
    try (Store rolled = Store.open(db, StoreOptions.defaults().withoutCache());
        Store rows = Store.open(db, StoreOptions.defaults().withoutCache().withoutRollups())) {
      assertSame(new StoreReader(rolled), new StoreReader(rows));
    }
    assertThat(count("SELECT value FROM analytics_rollup_meta WHERE key = 'layout'"))
        .isEqualTo(Rollup.LAYOUT);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      st.execute("UPDATE analytics_rollup_chunks SET data = x'0102'");
    }
    try (Store rolled = Store.open(db, StoreOptions.defaults().withoutCache());
        Store rows = Store.open(db, StoreOptions.defaults().withoutCache().withoutRollups())) {
      StoreReader a = new StoreReader(rolled);
      assertSame(a, new StoreReader(rows));
      assertThat(a.rollup().disabled()).isTrue();
    }
  }

  @Test
  void withoutStateWritesNothingIsWrittenAndAnswersComeFromTheRows() throws Exception {
    try (Store quiet = Store.open(db, StoreOptions.defaults().withoutCache().withoutStateWrites());
        Store rows = Store.open(db, StoreOptions.defaults().withoutCache().withoutRollups())) {
      assertSame(new StoreReader(quiet), new StoreReader(rows));
    }
    assertThat(count("SELECT count(*) FROM sqlite_master WHERE name LIKE 'analytics_rollup%'"))
        .isZero();
  }

  // ------------------------------------------------------------------ helpers

  private static void assertSame(StoreReader a, StoreReader b) {
    assertSame(a, b, WINDOWS);
  }

  private static void assertSame(StoreReader a, StoreReader b, List<Window> windows) {
    for (Window w : windows) {
      for (String wf : new String[] {null, "claims-intake"}) {
        RowFilter f = RowFilter.of(wf, w);
        assertSameGroups(a.executionRuns(f), b.executionRuns(f));
        assertSameGroups(a.stepRuns(f), b.stepRuns(f));
        assertThat(a.recoveryCounts(wf, w)).isEqualTo(b.recoveryCounts(wf, w));
      }
      RowFilter some = new RowFilter("invoice-processing", "ocr-extract", w, "success");
      assertSameGroups(a.stepRuns(some), b.stepRuns(some));
      RowFilter failed = RowFilter.of(null, w).withStatus("failed");
      assertSameGroups(a.executionRuns(failed), b.executionRuns(failed));
      assertSameGroups(a.stepRuns(failed), b.stepRuns(failed));
    }
  }

  static void assertSameGroups(List<RunGroup> a, List<RunGroup> b) {
    assertThat(a).hasSameSizeAs(b);
    for (int i = 0; i < a.size(); i++) {
      RunGroup x = a.get(i);
      RunGroup y = b.get(i);
      assertThat(
              List.of(
                  String.valueOf(x.workflowId()),
                  String.valueOf(x.nodeId()),
                  String.valueOf(x.actionType()),
                  x.status()))
          .isEqualTo(
              List.of(
                  String.valueOf(y.workflowId()),
                  String.valueOf(y.nodeId()),
                  String.valueOf(y.actionType()),
                  y.status()));
      assertThat(x.durations()).containsExactly(y.durations());
      assertThat(pairs(x)).isEqualTo(pairs(y));
      assertThat(x.stepNumberSum()).isEqualTo(y.stepNumberSum());
      assertThat(x.errorTypes()).isEqualTo(y.errorTypes());
    }
  }

  /** (duration, start) of every run, in one order: equal durations may come in any order. */
  private static List<String> pairs(RunGroup g) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < g.count(); i++) {
      out.add(g.durations()[i] + "@" + g.startedAt()[i]);
    }
    out.sort(null);
    return out;
  }

  private long count(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private double[] doubles(String sql, String... args) throws SQLException {
    List<Double> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getDouble(1));
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static void insertExecution(
      Connection c, String id, String wf, long start, Double duration, String status)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO executions(execution_id, workflow_id, host, started_at, completed_at,"
                + " duration_ms, status) VALUES (?,?,?,?,?,?,?)")) {
      ps.setString(1, id);
      ps.setString(2, wf);
      ps.setString(3, "test");
      ps.setLong(4, start);
      ps.setObject(5, duration == null ? null : start + Math.round(duration));
      ps.setObject(6, duration);
      ps.setString(7, status);
      ps.executeUpdate();
    }
  }

  private static void insertStep(
      Connection c,
      String execution,
      String wf,
      String node,
      long start,
      double duration,
      String status,
      String error)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO steps(execution_id, workflow_id, node_id, action_type, step_number,"
                + " started_at, duration_ms, status, error_type) VALUES (?,?,?,?,?,?,?,?,?)")) {
      ps.setString(1, execution);
      ps.setString(2, wf);
      ps.setString(3, node);
      ps.setString(4, "click");
      ps.setInt(5, 2);
      ps.setLong(6, start);
      ps.setDouble(7, duration);
      ps.setString(8, status);
      ps.setString(9, error);
      ps.executeUpdate();
    }
  }

  private static void insertRecovery(
      Connection c,
      String execution,
      String wf,
      String node,
      String strategy,
      boolean ok,
      long start)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO recoveries(execution_id, workflow_id, node_id, strategy, success,"
                + " started_at, duration_ms) VALUES (?,?,?,?,?,?,?)")) {
      ps.setString(1, execution);
      ps.setString(2, wf);
      ps.setString(3, node);
      ps.setString(4, strategy);
      ps.setInt(5, ok ? 1 : 0);
      ps.setLong(6, start);
      ps.setDouble(7, 250);
      ps.executeUpdate();
    }
  }
}
