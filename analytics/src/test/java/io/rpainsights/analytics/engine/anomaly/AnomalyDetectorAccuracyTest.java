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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Precision and recall on generated data whose spikes are known: an execution counts as found when
 * any of its runs (the execution or one of its steps) is reported.
 */
class AnomalyDetectorAccuracyTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {21, 22, 23})
  void injectedSpikesAreFoundWithFewFalseAlarms(long seed) throws Exception {
    Path db = dir.resolve("a" + seed + ".db");
    GenerationSummary truth =
        new HistoryGenerator()
            .generate(
                db,
                GeneratorConfig.of(8_000, Duration.ofDays(10), 5, seed, StoreFixture.NOW)
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
      Set<String> hits = new HashSet<>(flagged);
      hits.retainAll(spikedInWindow);
      double recall = (double) hits.size() / spikedInWindow.size();
      double precision = (double) hits.size() / flagged.size();
      System.out.printf(
          "seed %d: %d spikes, %d flagged, recall %.3f, precision %.3f%n",
          seed, spikedInWindow.size(), flagged.size(), recall, precision);
      assertThat(spikedInWindow).hasSizeGreaterThan(10);
      assertThat(recall).isGreaterThanOrEqualTo(0.95);
      assertThat(precision).isGreaterThanOrEqualTo(0.8);
    }
  }
}
