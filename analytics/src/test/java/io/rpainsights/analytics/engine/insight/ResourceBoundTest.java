package io.rpainsights.analytics.engine.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rpainsights.analytics.engine.Analytics;
import io.rpainsights.analytics.store.Window;
import io.rpainsights.analytics.testing.StoreFixture;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resource-bound rule: which runs it samples and when it speaks up. */
class ResourceBoundTest {
  @TempDir Path dir;

  /**
   * The first minute of the fixtures' CPU samples: 40 hours before NOW, inside the 2-day window.
   */
  static final long FIRST_MINUTE = Math.floorDiv(StoreFixture.ago(Duration.ofHours(40)), 60_000L);

  @Test
  void aSampleOfManyRunsIsSpreadOverAllOfThemLongestIncluded() throws SQLException {
    // 8,000 runs of 1..8,000 ms (run k lasts k + 1 ms), in 2,000 minutes that each have a CPU
    // sample of (minute index) %.
    int total = 8000;
    int minutes = 2000;
    Path db = dir.resolve("many.db");
    try (StoreFixture f = StoreFixture.create(db)) {
      f.connection().setAutoCommit(false);
      for (int m = 0; m < minutes; m++) {
        f.resource((FIRST_MINUTE + m) * 60_000L + 5_000, m % 100, 10, 1);
      }
      for (int k = 0; k < total; k++) {
        long t = (FIRST_MINUTE + k % minutes) * 60_000L + 10_000;
        f.step("e" + k, "w", "work", "cpu", 1, t, k + 1, "success", null);
      }
      f.connection().commit();
    }
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      WorkflowData d =
          WorkflowData.read(a.reader(), "w", Window.last(Duration.ofDays(30), StoreFixture.NOW));
      Map<Long, Double> cpu =
          a.reader().systemCpuPerMinute(Window.last(Duration.ofDays(2), StoreFixture.NOW));
      double[][] sample = InsightRules.cpuSample(d.nodes.get("work"), cpu, 5000);
      assertThat(sample[0]).hasSize(5000);
      for (int i = 0; i < 5000; i++) {
        // Evenly spread over the 8,000 in duration order: the run at ⌊i · 8000 / 5000⌋ = ⌊1.6 i⌋.
        int k = i * 8 / 5;
        assertThat(sample[0][i]).as("duration %d", i).isEqualTo(k + 1);
        assertThat(sample[1][i]).as("CPU %d", i).isEqualTo((k % minutes) % 100);
      }
      assertThat(sample[0][4999]).isEqualTo(7999);
    }
  }

  @Test
  void aStepWhoseDurationRisesExactlyWithTheCpuIsResourceBound() {
    // 60 runs: 'work' takes 100 + 5·k ms in a minute whose CPU is k %, so ρ = 1 exactly;
    // 'other' takes 300 ms whatever the CPU.
    int runs = 60;
    Path db = dir.resolve("perfect.db");
    double work = 0;
    try (StoreFixture f = StoreFixture.create(db)) {
      for (int k = 0; k < runs; k++) {
        long t = (FIRST_MINUTE + k) * 60_000L + 10_000;
        f.resource((FIRST_MINUTE + k) * 60_000L + 5_000, k, 10, 1)
            .execution("e" + k, "w", t, 1000.0, "success")
            .step("e" + k, "w", "work", "cpu", 1, t, 100 + 5 * k, "success", null)
            .step("e" + k, "w", "other", "db", 2, t + 600, 300, "success", null);
        work += 100 + 5 * k;
      }
    }
    double share = work / (work + runs * 300.0);
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      Insight i =
          InsightRulesTest.find(a.insights().insights(new InsightQuery("w", 30)), "resource-bound");
      assertThat(i.nodeId()).isEqualTo("work");
      assertThat(i.title()).contains("ρ = 1.00");
      assertThat(i.description()).contains("p < 1e-6");
      assertThat(i.impact()).isCloseTo(share, within(1e-12));
    }
  }
}
