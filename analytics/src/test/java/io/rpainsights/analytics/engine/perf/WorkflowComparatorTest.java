package io.rpainsights.analytics.engine.perf;

import static io.rpainsights.analytics.testing.StoreFixture.ago;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.rpainsights.analytics.engine.Analytics;
import io.rpainsights.analytics.store.TimeRange;
import io.rpainsights.analytics.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowComparatorTest {
  @TempDir Path dir;

  @Test
  void aHugeDifferenceHasATinyPositiveTwoSidedPValue() {
    Path db = dir.resolve("c.db");
    try (StoreFixture f = StoreFixture.create(db)) {
      for (int i = 0; i < 200; i++) {
        long t = ago(Duration.ofMinutes(10 + i));
        f.execution("a" + i, "fast", t, 100.0 + i, "success");
        f.execution("b" + i, "slow", t, 10_000.0 + i, "success");
      }
    }
    // Complete separation, no ties: z = (n₁n₂/2) / √(n₁n₂(N+1)/12); two-sided p = 2·Q(z), with
    // the upper normal tail Q(z) = erfc(z/√2)/2.
    double z = 200.0 * 200 / 2 / Math.sqrt(200.0 * 200 * 401 / 12);
    double expected = Erf.erfc(z / Math.sqrt(2));
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      Comparison c =
          a.comparator()
              .compare(new CompareQuery("fast", "slow", TimeRange.last(Duration.ofDays(1))));
      assertThat(c.pValue()).isPositive().isCloseTo(expected, withinPercentage(1e-6));
      Comparison reversed =
          a.comparator()
              .compare(new CompareQuery("slow", "fast", TimeRange.last(Duration.ofDays(1))));
      assertThat(reversed.pValue()).isPositive().isCloseTo(expected, withinPercentage(1e-6));
    }
  }

  @Test
  void identicalDurationsAreNoEvidenceOfADifference() {
    Path db = dir.resolve("same.db");
    try (StoreFixture f = StoreFixture.create(db)) {
      for (int i = 0; i < 20; i++) {
        long t = ago(Duration.ofMinutes(10 + i));
        f.execution("a" + i, "one", t, 100.0, "success");
        f.execution("b" + i, "two", t, 100.0, "success");
      }
    }
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      Comparison c =
          a.comparator()
              .compare(new CompareQuery("one", "two", TimeRange.last(Duration.ofDays(1))));
      assertThat(c.pValue()).isEqualTo(1.0);
    }
  }

  @Test
  void aMedianOfZeroStillGivesATruthfulSummary() {
    Path db = dir.resolve("zero.db");
    try (StoreFixture f = StoreFixture.create(db)) {
      for (int i = 0; i < 10; i++) {
        long t = ago(Duration.ofMinutes(10 + i));
        f.execution("a" + i, "instant", t, 0.0, "success");
        f.execution("b" + i, "slow", t, 100.0 + i, "success");
      }
    }
    // Complete separation of 10 and 10, A's 10 values tied: σ² = n₁n₂/12·((N+1) − (10³ −
    // 10)/(N(N−1))),
    // U = 100, mean 50; two-sided p = erfc(z/√2).
    double z = 50 / Math.sqrt(100.0 / 12 * (21 - 990.0 / 380));
    double expected = Erf.erfc(z / Math.sqrt(2));
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      Comparison c =
          a.comparator()
              .compare(new CompareQuery("instant", "slow", TimeRange.last(Duration.ofDays(1))));
      assertThat(c.medianChangePct()).isNull();
      assertThat(c.pValue()).isCloseTo(expected, withinPercentage(1e-6));
      assertThat(c.summary())
          .startsWith("slow's median is 104.5 ms against 0.00 ms for instant (significant, p = ");
    }
  }
}
