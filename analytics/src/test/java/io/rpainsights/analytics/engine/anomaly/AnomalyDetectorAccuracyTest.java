package io.rpainsights.analytics.engine.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.analytics.engine.Analytics;
import io.rpainsights.analytics.generate.GenerationSummary;
import io.rpainsights.analytics.generate.GeneratorConfig;
import io.rpainsights.analytics.generate.HistoryGenerator;
import io.rpainsights.analytics.store.TimeRange;
import io.rpainsights.analytics.testing.StoreFixture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Precision and recall on generated data whose spikes are known: an execution counts as found when
 * any of its runs (the execution or one of its steps) is reported.
 */
class AnomalyDetectorAccuracyTest {
  @TempDir Path dir;

  @Test
  void injectedSpikesAreFoundWithFewFalseAlarms() throws Exception {
    long hits = 0;
    long found = 0;
    long spikes = 0;
    long flagged = 0;
    for (long seed : new long[] {21, 22, 23}) {
      long[] r = run(seed);
      assertThat((double) r[0] / r[1]).as("recall, seed " + seed).isGreaterThanOrEqualTo(0.9);
      assertThat((double) r[3] / r[2]).as("precision, seed " + seed).isGreaterThanOrEqualTo(0.7);
      found += r[0];
      spikes += r[1];
      flagged += r[2];
      hits += r[3];
    }
    // Over all seeds: nearly every spike found, and at most one alarm in five a false one (a
    // healthy run crosses z = 3.5 about once in 4,000 on the log scale).
    assertThat((double) found / spikes).isGreaterThanOrEqualTo(0.95);
    assertThat((double) hits / flagged).isGreaterThanOrEqualTo(0.8);
  }

  /**
   * {spikes found, spikes in the window, executions flagged, flagged executions that are spiked}
   * for one generated history.
   */
  private long[] run(long seed) throws Exception {
    Path db = dir.resolve("a" + seed + ".db");
    GenerationSummary truth =
        new HistoryGenerator()
            .generate(
                db,
                GeneratorConfig.of(10_000, Duration.ofDays(10), 5, seed, StoreFixture.NOW)
                    .withDegradation(false)
                    .withSpikeRate(0.01),
                null);
    long since = StoreFixture.NOW.minus(Duration.ofDays(2)).toEpochMilli();
    Set<String> spikedInWindow = new HashSet<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT execution_id FROM executions WHERE status = 'success' AND started_at >= "
                    + since)) {
      while (rs.next()) {
        if (truth.spikedExecutionIds().contains(rs.getString(1))) {
          spikedInWindow.add(rs.getString(1));
        }
      }
    }
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      List<Anomaly> anomalies =
          a.anomalies().anomalies(AnomalyQuery.of(null, TimeRange.last(Duration.ofDays(2))));
      Set<String> flagged = new HashSet<>();
      anomalies.forEach(x -> flagged.add(x.executionId()));
      // A hit is a flagged run of a spiked execution (one that started just before the window
      // may have its slow step inside it).
      Set<String> hits = new HashSet<>(flagged);
      hits.retainAll(truth.spikedExecutionIds());
      Set<String> found = new HashSet<>(spikedInWindow);
      found.retainAll(flagged);
      double recall = (double) found.size() / spikedInWindow.size();
      double precision = (double) hits.size() / flagged.size();
      System.out.printf(
          "seed %d: %d spikes, %d flagged, recall %.3f, precision %.3f%n",
          seed, spikedInWindow.size(), flagged.size(), recall, precision);
      assertThat(spikedInWindow).hasSizeGreaterThan(10);
      return new long[] {found.size(), spikedInWindow.size(), flagged.size(), hits.size()};
    }
  }
}
