package io.rpainsights.analytics.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rpainsights.analytics.archive.Archiver;
import io.rpainsights.analytics.engine.insight.Insight;
import io.rpainsights.analytics.engine.insight.InsightQuery;
import io.rpainsights.analytics.engine.perf.GroupBy;
import io.rpainsights.analytics.engine.perf.StatsQuery;
import io.rpainsights.analytics.engine.perf.StatsRow;
import io.rpainsights.analytics.generate.GeneratorConfig;
import io.rpainsights.analytics.generate.HistoryGenerator;
import io.rpainsights.analytics.store.StoreOptions;
import io.rpainsights.analytics.store.TimeRange;
import io.rpainsights.analytics.testing.Expected;
import io.rpainsights.analytics.testing.StoreFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stats} and {@code insights} answer the same, to the last digit, from the rollup as from
 * the rows — before and after rows arrive and old rows are pruned — and their figures match
 * percentiles computed independently from the rows.
 */
class RollupAnswersTest {
  @TempDir static Path dir;
  static Path db;

  @BeforeAll
  static void history() throws Exception {
    Path base = dir.resolve("base.db");
    new HistoryGenerator()
        .generate(
            base, GeneratorConfig.of(8_000, Duration.ofDays(12), 5, 8, StoreFixture.NOW), null);
    db = dir.resolve("a.db");
    Files.copy(base, db);
  }

  static Analytics rolled() {
    return Analytics.open(db, StoreFixture.CLOCK, StoreOptions.defaults().withoutCache());
  }

  static Analytics rows() {
    return Analytics.open(
        db, StoreFixture.CLOCK, StoreOptions.defaults().withoutCache().withoutRollups());
  }

  @Test
  void statsAndInsightsAreTheSameFromTheRollupAsFromTheRows() throws Exception {
    assertSameAnswers();
    long now = StoreFixture.NOW.toEpochMilli();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      // Rows arrive (some late, for three days ago); the oldest days are pruned.
      st.execute(
          "INSERT INTO executions(execution_id, workflow_id, host, started_at, completed_at,"
              + " duration_ms, status) SELECT 'copy-' || execution_id, workflow_id, host,"
              + " started_at + 86400000 * 9, completed_at + 86400000 * 9, duration_ms * 3,"
              + " status FROM executions WHERE started_at < "
              + (now - 11 * 86_400_000L));
      st.execute(
          "INSERT INTO steps(execution_id, workflow_id, node_id, action_type, step_number,"
              + " started_at, duration_ms, status, error_type) SELECT 'copy-' || execution_id,"
              + " workflow_id, node_id, action_type, step_number, started_at + 86400000 * 9,"
              + " duration_ms * 3, status, error_type FROM steps WHERE started_at < "
              + (now - 11 * 86_400_000L));
    }
    assertSameAnswers();
    new Archiver(StoreFixture.CLOCK).prune(db, StoreFixture.NOW.minus(Duration.ofDays(9)));
    assertSameAnswers();
  }

  @Test
  void aProducerColumnNamedRowidDoesNotHideNewRowsFromTheRollup() throws Exception {
    Path shadowed = dir.resolve("shadowed.db");
    Files.copy(dir.resolve("base.db"), shadowed);
    long now = StoreFixture.NOW.toEpochMilli();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + shadowed);
        Statement st = c.createStatement()) {
      st.execute("ALTER TABLE executions ADD COLUMN rowid INTEGER");
      st.execute("UPDATE executions SET rowid = 1");
    }
    StatsQuery q = new StatsQuery(null, TimeRange.last(Duration.ofDays(7)), GroupBy.WORKFLOW, null);
    try (Analytics a =
        Analytics.open(shadowed, StoreFixture.CLOCK, StoreOptions.defaults().withoutCache())) {
      a.stats().stats(q);
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + shadowed);
          Statement st = c.createStatement()) {
        // One row replaced by another of the same day: the day's count does not change.
        st.execute(
            "UPDATE executions SET execution_id = 'replaced', duration_ms = duration_ms * 40"
                + " WHERE execution_id = (SELECT execution_id FROM executions WHERE status ="
                + " 'success' AND started_at < "
                + (now - 2 * 86_400_000L)
                + " ORDER BY started_at DESC LIMIT 1)");
        st.execute(
            "DELETE FROM executions WHERE execution_id = (SELECT execution_id FROM executions"
                + " WHERE started_at < "
                + (now - 3 * 86_400_000L)
                + " ORDER BY started_at DESC LIMIT 1)");
        st.execute(
            "INSERT INTO executions(execution_id, workflow_id, host, started_at, completed_at,"
                + " duration_ms, status) SELECT 'other-' || execution_id, workflow_id, host,"
                + " started_at + 1, completed_at + 1, duration_ms * 50, status FROM executions"
                + " WHERE started_at < "
                + (now - 3 * 86_400_000L)
                + " ORDER BY started_at DESC LIMIT 1");
        // New rows, for days the first answer already covered.
        st.execute(
            "INSERT INTO executions(execution_id, workflow_id, host, started_at, completed_at,"
                + " duration_ms, status) SELECT 'late-' || execution_id, workflow_id, host,"
                + " started_at + 86400000 * 3, completed_at + 86400000 * 3, duration_ms * 5,"
                + " status FROM executions WHERE started_at BETWEEN "
                + (now - 9 * 86_400_000L)
                + " AND "
                + (now - 4 * 86_400_000L));
      }
      try (Analytics b =
          Analytics.open(
              shadowed,
              StoreFixture.CLOCK,
              StoreOptions.defaults().withoutCache().withoutRollups())) {
        assertThat(a.stats().stats(q)).isEqualTo(b.stats().stats(q));
      }
      assertThat(a.reader().rollupFallbacks()).isZero();
    }
  }

  @Test
  void percentilesFromTheRollupMatchTheRowsComputedIndependently() throws Exception {
    StatsRow row;
    try (Analytics a = rolled()) {
      StatsQuery q =
          new StatsQuery(
              "invoice-processing", TimeRange.last(Duration.ofDays(7)), GroupBy.WORKFLOW, null);
      a.stats().stats(q);
      row = a.stats().stats(q).get(0);
    }
    long since = StoreFixture.NOW.minus(Duration.ofDays(7)).toEpochMilli();
    double[] durations;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT duration_ms FROM executions WHERE workflow_id = 'invoice-processing'"
                    + " AND status <> 'running' AND started_at >= "
                    + since
                    + " AND started_at < "
                    + StoreFixture.NOW.toEpochMilli())) {
      List<Double> v = new ArrayList<>();
      while (rs.next()) {
        v.add(rs.getDouble(1));
      }
      durations = v.stream().mapToDouble(Double::doubleValue).toArray();
    }
    assertThat(row.count()).isEqualTo(durations.length).isPositive();
    assertThat(row.medianMs()).isCloseTo(Expected.r7(durations, 0.5), within(1e-9));
    assertThat(row.p95Ms()).isCloseTo(Expected.r7(durations, 0.95), within(1e-9));
    assertThat(row.p99Ms()).isCloseTo(Expected.r7(durations, 0.99), within(1e-9));
    assertThat(row.avgMs()).isCloseTo(Expected.mean(durations), within(1e-6));
    assertThat(row.stddevMs()).isCloseTo(Expected.sampleStddev(durations), within(1e-6));
  }

  private static void assertSameAnswers() {
    try (Analytics a = rolled();
        Analytics b = rows()) {
      for (int pass = 0; pass < 2; pass++) {
        for (GroupBy by : List.of(GroupBy.WORKFLOW, GroupBy.STEP, GroupBy.ACTION)) {
          for (String wf : new String[] {null, "invoice-processing"}) {
            for (Duration d : List.of(Duration.ofDays(7), Duration.ofDays(30))) {
              StatsQuery q = new StatsQuery(wf, TimeRange.last(d), by, null);
              assertThat(a.stats().stats(q)).isEqualTo(b.stats().stats(q));
            }
          }
          StatsQuery failed =
              new StatsQuery(
                  null,
                  TimeRange.last(Duration.ofDays(3)),
                  by,
                  by.steps() ? "recovered" : "failed");
          assertThat(a.stats().stats(failed)).isEqualTo(b.stats().stats(failed));
        }
        for (int days : new int[] {3, 14}) {
          List<Insight> fromRollup = a.insights().insights(new InsightQuery(null, days));
          assertThat(fromRollup).isEqualTo(b.insights().insights(new InsightQuery(null, days)));
          assertThat(fromRollup).isNotEmpty();
        }
      }
      assertThat(a.reader().rollupFallbacks()).isZero();
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT count(DISTINCT kind) FROM analytics_rollup_chunks")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(3);
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }
}
