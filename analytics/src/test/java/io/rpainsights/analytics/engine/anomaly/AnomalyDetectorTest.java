package io.rpainsights.analytics.engine.anomaly;

import static io.rpainsights.analytics.testing.StoreFixture.ago;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rpainsights.analytics.engine.Analytics;
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
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnomalyDetectorTest {
  @TempDir Path dir;
  Path db;
  static final double[] BASELINE = new double[20];

  static {
    for (int i = 0; i < 20; i++) {
      BASELINE[i] = 100 + 3 * i * (i % 2 == 0 ? 1 : 1.5); // spread, no ties
    }
  }

  @BeforeEach
  void fixture() {
    db = dir.resolve("a.db");
    try (StoreFixture f = StoreFixture.create(db)) {
      for (int i = 0; i < BASELINE.length; i++) {
        long t = ago(Duration.ofHours(30 + i));
        String id = "b" + i;
        f.execution(id, "w", t, BASELINE[i] + 10, "success")
            .step(id, "w", "ocr", "ocr", 1, t, BASELINE[i], "success", null);
      }
      // Detection window (last hour): one normal run, then three slow runs in a row.
      double[] current = {110, 900, 1200, 1500};
      for (int i = 0; i < current.length; i++) {
        long t = ago(Duration.ofMinutes(40 - i));
        String id = "c" + i;
        f.execution(id, "w", t, current[i] + 10, "success")
            .step(id, "w", "ocr", "ocr", 1, t, current[i], "success", null);
      }
      // A failed slow run is not scored.
      f.execution("x", "w", ago(Duration.ofMinutes(20)), 99_000.0, "failed");
      // The host: CPU 20 % for the hour before, 97 % during the slow runs.
      for (int m = 100; m > 41; m--) {
        f.resource(ago(Duration.ofMinutes(m)), 20, 10, 400_000_000L);
      }
      for (int m = 41; m > 34; m--) {
        f.resource(ago(Duration.ofMinutes(m)), 97, 60, 400_000_000L);
      }
    }
  }

  @Test
  void logScaleScoresMatchAHandComputationAndOnlySlowRunsAlarm() {
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      List<Anomaly> found =
          a.anomalies().anomalies(AnomalyQuery.of("w", TimeRange.last(Duration.ofHours(1))));
      List<Anomaly> steps = found.stream().filter(x -> "ocr".equals(x.nodeId())).toList();
      assertThat(steps).extracting(Anomaly::executionId).containsExactly("c1", "c2", "c3");
      double[] logs = Arrays.stream(BASELINE).map(Math::log).toArray();
      double median = Expected.r7(logs, 0.5);
      double mad = Expected.r7(Arrays.stream(logs).map(v -> Math.abs(v - median)).toArray(), 0.5);
      Anomaly first = steps.get(0);
      double z = 0.6745 * (Math.log(900) - median) / mad;
      assertThat(first.zScore()).isCloseTo(z, within(1e-9));
      assertThat(first.value()).isEqualTo(900.0);
      assertThat(first.expected()).isCloseTo(Math.exp(median), within(1e-6));
      assertThat(first.threshold()).isEqualTo(3.5);
      assertThat(first.severity()).isCloseTo(1 - 3.5 / z, within(1e-12));
      assertThat(first.metric()).isEqualTo("durationMs");
      assertThat(found).noneMatch(x -> "x".equals(x.executionId()));
    }
  }

  @Test
  void stepsWithAnEmptyNodeIdStayOutOfTheExecutionsBaseline() {
    // "" is the key of the whole execution's series; steps whose node id is the empty text must
    // not be mixed into it (their 10 ms would drag the executions' baseline down and hide a spike).
    Path withEmpty = dir.resolve("empty-node.db");
    Path without = dir.resolve("no-empty-node.db");
    for (Path store : List.of(withEmpty, without)) {
      try (StoreFixture f = StoreFixture.create(store)) {
        for (int i = 0; i < 40; i++) {
          long t = ago(Duration.ofHours(3).plusMinutes(30L * i));
          String id = "b" + i;
          f.execution(id, "e", t, 1000.0 + 10 * (i % 5), "success");
          if (store.equals(withEmpty)) {
            f.step(id, "e", "", "click", 1, t, 10.0 + (i % 3), "success", null);
          }
        }
        long spike = ago(Duration.ofMinutes(20));
        f.execution("spike", "e", spike, 5000.0, "success");
        if (store.equals(withEmpty)) {
          f.step("spike", "e", "", "click", 1, spike, 11.0, "success", null);
        }
      }
    }
    AnomalyQuery q = AnomalyQuery.of("e", TimeRange.last(Duration.ofHours(1)));
    List<Anomaly> expected;
    try (Analytics a = Analytics.open(without, StoreFixture.CLOCK)) {
      expected = a.anomalies().anomalies(q);
    }
    assertThat(expected).extracting(Anomaly::executionId).containsExactly("spike");
    try (Analytics a = Analytics.open(withEmpty, StoreFixture.CLOCK)) {
      assertThat(a.anomalies().anomalies(q)).isEqualTo(expected);
    }
  }

  @Test
  void linearScaleUsesThePlainModifiedZScore() {
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      List<Anomaly> found =
          a.anomalies()
              .anomalies(
                  new AnomalyQuery(
                      "w", TimeRange.last(Duration.ofHours(1)), 2.0, Scale.LINEAR, null, 3, null));
      Anomaly step = found.stream().filter(x -> "ocr".equals(x.nodeId())).findFirst().orElseThrow();
      double median = Expected.r7(BASELINE, 0.5);
      double mad =
          Expected.r7(Arrays.stream(BASELINE).map(v -> Math.abs(v - median)).toArray(), 0.5);
      assertThat(step.zScore()).isCloseTo(0.6745 * (900 - median) / mad, within(1e-9));
      assertThat(step.expected()).isEqualTo(median);
    }
  }

  @Test
  void aPersistingAnomalyIsEscalatedAndSimultaneousOnesShareAnIncidentWithTheirResources() {
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      List<Anomaly> steps =
          a
              .anomalies()
              .anomalies(AnomalyQuery.of("w", TimeRange.last(Duration.ofHours(1))))
              .stream()
              .filter(x -> "ocr".equals(x.nodeId()))
              .toList();
      assertThat(steps).extracting(Anomaly::consecutive).containsExactly(1, 2, 3);
      assertThat(steps).extracting(Anomaly::escalated).containsExactly(false, false, true);
      assertThat(steps).extracting(Anomaly::incidentId).containsOnly(steps.get(0).incidentId());
      assertThat(steps.get(0).context())
          .anyMatch(c -> c.equals("system CPU was saturated at 97 % (usually 20 %)"));
      assertThat(steps.get(2).description())
          .contains("Step 'ocr' (ocr) of w took")
          .contains("system CPU was saturated")
          .contains("escalated: 3 anomalous runs in a row");
    }
  }

  @Test
  void higherSensitivityLowersTheThreshold() {
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      AnomalyQuery strict =
          new AnomalyQuery("w", TimeRange.last(Duration.ofHours(1)), 0.1, Scale.LOG, null, 3, null);
      assertThat(strict.threshold()).isEqualTo(70.0);
      assertThat(a.anomalies().anomalies(strict)).isEmpty();
      AnomalyQuery eager =
          new AnomalyQuery("w", TimeRange.last(Duration.ofHours(1)), 4.0, Scale.LOG, null, 3, null);
      assertThat(eager.threshold()).isEqualTo(1.75);
    }
  }

  @Test
  void baselinesAreStoredReusedAndRolledForward() throws Exception {
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      a.anomalies().anomalies(AnomalyQuery.of("w", TimeRange.last(Duration.ofHours(1))));
    }
    long firstComputed = computedAt();
    assertThat(firstComputed).isEqualTo(StoreFixture.NOW.toEpochMilli());
    Clock later = Clock.offset(StoreFixture.CLOCK, Duration.ofMinutes(30));
    try (Analytics a = Analytics.open(db, later)) {
      a.anomalies().anomalies(AnomalyQuery.of("w", TimeRange.last(Duration.ofHours(1))));
    }
    assertThat(computedAt()).isEqualTo(firstComputed);
    Clock muchLater = Clock.fixed(StoreFixture.NOW.plus(Duration.ofHours(3)), ZoneOffset.UTC);
    try (Analytics a = Analytics.open(db, muchLater)) {
      a.anomalies().anomalies(AnomalyQuery.of("w", TimeRange.last(Duration.ofHours(1))));
    }
    assertThat(computedAt()).isEqualTo(muchLater.millis());
  }

  @Test
  void switchingBetweenWindowsBackAndForthWritesNoBaselineAgain() throws Exception {
    AnomalyQuery hour = AnomalyQuery.of("w", TimeRange.last(Duration.ofHours(1)));
    AnomalyQuery day = AnomalyQuery.of("w", TimeRange.last(Duration.ofHours(24)));
    try (Analytics a =
            Analytics.open(db, StoreFixture.CLOCK, StoreOptions.defaults().withoutCache());
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      List<Anomaly> inHour = a.anomalies().anomalies(hour);
      List<Anomaly> inDay = a.anomalies().anomalies(day);
      assertThat(inHour).isNotEmpty();
      assertThat(inDay).isNotEmpty();
      long version = dataVersion(c);
      List<String> stored = baselineRows(c);
      for (int i = 0; i < 3; i++) {
        assertThat(a.anomalies().anomalies(hour)).isEqualTo(inHour);
        assertThat(a.anomalies().anomalies(day)).isEqualTo(inDay);
      }
      assertThat(dataVersion(c)).as("no commit to the store").isEqualTo(version);
      assertThat(baselineRows(c)).isEqualTo(stored);
      assertThat(stored).hasSize(4); // a set per window × (executions, ocr)
    }
  }

  @Test
  void aBaselineTableOfTheFirstLayoutIsReadAndMadeAnewByTheFirstSave() throws Exception {
    AnomalyQuery hour = AnomalyQuery.of("w", TimeRange.last(Duration.ofHours(1)));
    List<Anomaly> expected;
    try (Analytics a =
        Analytics.open(
            db, StoreFixture.CLOCK, StoreOptions.defaults().withoutStateWrites().withoutCache())) {
      expected = a.anomalies().anomalies(hour);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      // The first layout: one set per (workflow, node, scale); here a stale one, from a day ago.
      st.execute(
          "CREATE TABLE analytics_baselines(workflow_id TEXT NOT NULL, node_id TEXT NOT NULL,"
              + " scale TEXT NOT NULL, window_start INTEGER NOT NULL, window_end INTEGER NOT NULL,"
              + " n INTEGER NOT NULL, median REAL NOT NULL, mad REAL NOT NULL,"
              + " mean_abs_dev REAL NOT NULL, computed_at INTEGER NOT NULL,"
              + " PRIMARY KEY (workflow_id, node_id, scale))");
      st.execute(
          "INSERT INTO analytics_baselines VALUES ('w', '', 'LOG', 0, 604800000, 20, 5, 1, 1, 0)");
    }
    try (Analytics a =
        Analytics.open(db, StoreFixture.CLOCK, StoreOptions.defaults().withoutCache())) {
      assertThat(a.anomalies().anomalies(hour)).isEqualTo(expected);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT pk FROM pragma_table_info('analytics_baselines') WHERE name = 'window_end'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).as("window_end is part of the key now").isPositive();
      assertThat(baselineRows(c)).hasSize(2); // the new set: executions and ocr
    }
  }

  private static long dataVersion(Connection c) throws Exception {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA data_version")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<String> baselineRows(Connection c) throws Exception {
    List<String> rows = new java.util.ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT node_id, window_start, window_end, n, median, mad, computed_at"
                    + " FROM analytics_baselines ORDER BY 1, 2, 3")) {
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= 7; i++) {
          row.append(rs.getString(i)).append('|');
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  @Test
  void aStoreThatMayNotBeWrittenStillGetsBaselinesWithoutWritingAnything() throws Exception {
    long before = Files.size(db);
    try (Analytics a =
        Analytics.open(
            db, StoreFixture.CLOCK, StoreOptions.defaults().withoutStateWrites().withoutCache())) {
      AnomalyQuery q = AnomalyQuery.of("w", TimeRange.last(Duration.ofHours(1)));
      assertThat(a.anomalies().anomalies(q)).isNotEmpty();
      assertThat(a.anomalies().anomalies(q)).hasSameSizeAs(a.anomalies().anomalies(q));
    }
    assertThat(Files.size(db)).isEqualTo(before);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM sqlite_master WHERE name = 'analytics_baselines'")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  private long computedAt() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT DISTINCT computed_at FROM analytics_baselines WHERE workflow_id = 'w'")) {
      assertThat(rs.next()).isTrue();
      long v = rs.getLong(1);
      assertThat(rs.next()).isFalse();
      return v;
    }
  }
}
