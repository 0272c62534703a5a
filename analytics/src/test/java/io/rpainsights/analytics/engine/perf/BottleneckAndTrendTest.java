package io.rpainsights.analytics.engine.perf;

import static io.rpainsights.analytics.testing.StoreFixture.ago;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rpainsights.analytics.engine.Analytics;
import io.rpainsights.analytics.store.InvalidInputException;
import io.rpainsights.analytics.store.TimeRange;
import io.rpainsights.analytics.testing.Expected;
import io.rpainsights.analytics.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BottleneckAndTrendTest {
  @TempDir Path dir;
  Path db;

  @BeforeEach
  void fixture() {
    db = dir.resolve("b.db");
    try (StoreFixture f = StoreFixture.create(db)) {
      // Two executions of "w": open 100+300, ocr 600+1000, save 50+50 (total step time 2100).
      long t = ago(Duration.ofHours(6));
      f.execution("e1", "w", t, 800.0, "success")
          .execution("e2", "w", t + 3_600_000, 1400.0, "failed");
      f.step("e1", "w", "open", "navigate", 1, t, 100, "success", null)
          .step("e1", "w", "ocr", "ocr", 2, t + 100, 600, "success", null)
          .step("e1", "w", "save", "db", 3, t + 700, 50, "success", null)
          .step("e2", "w", "open", "navigate", 1, t + 3_600_000, 300, "success", null)
          .step("e2", "w", "ocr", "ocr", 2, t + 3_600_300, 1000, "recovered", "E")
          .step("e2", "w", "save", "db", 3, t + 3_601_300, 50, "failed", "E");
      // A second workflow for compare: durations without ties.
      for (int i = 0; i < 12; i++) {
        f.execution("v" + i, "v", ago(Duration.ofHours(20 - i)), 700.0 + 37 * i, "success");
      }
    }
  }

  @Test
  void stepsRankByTheirShareOfAllStepTime() {
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      List<Bottleneck> b =
          a.bottlenecks()
              .bottlenecks(new BottleneckQuery("w", TimeRange.last(Duration.ofDays(1)), 5));
      assertThat(b).extracting(Bottleneck::nodeId).containsExactly("ocr", "open", "save");
      assertThat(b.get(0).rank()).isEqualTo(1);
      assertThat(b.get(0).totalMs()).isEqualTo(1600.0);
      assertThat(b.get(0).share()).isCloseTo(1600.0 / 2100, within(1e-12));
      assertThat(b.get(0).perExecutionMs()).isEqualTo(800.0);
      assertThat(b.get(0).medianMs()).isEqualTo(800.0);
      assertThat(b.get(2).share()).isCloseTo(100.0 / 2100, within(1e-12));
      assertThat(b.stream().mapToDouble(Bottleneck::share).sum()).isCloseTo(1.0, within(1e-12));
      List<Bottleneck> top1 =
          a.bottlenecks()
              .bottlenecks(new BottleneckQuery("w", TimeRange.last(Duration.ofDays(1)), 1));
      assertThat(top1).hasSize(1);
    }
  }

  @Test
  void trendHasEveryBucketAlignedToTheHourWithExactFigures() {
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      List<TrendPoint> points =
          a.trend()
              .trend(
                  new TrendQuery(
                      "w", null, TimeRange.last(Duration.ofHours(7)), Duration.ofHours(1)));
      assertThat(points).hasSize(7);
      assertThat(points.get(0).bucketStart()).isEqualTo(Instant.parse("2026-11-22T05:00:00Z"));
      assertThat(points.get(1).count()).isEqualTo(1);
      assertThat(points.get(1).medianMs()).isEqualTo(800.0);
      assertThat(points.get(2).successRate()).isEqualTo(0.0);
      assertThat(points.get(0).count()).isZero();
      assertThat(points.get(0).medianMs()).isNull();
      List<TrendPoint> ocr =
          a.trend()
              .trend(
                  new TrendQuery(
                      "w", "ocr", TimeRange.last(Duration.ofHours(7)), Duration.ofHours(1)));
      assertThat(ocr.get(2).medianMs()).isEqualTo(1000.0);
      assertThat(ocr.get(2).successRate()).isEqualTo(1.0);
    }
  }

  @Test
  void tooManyBucketsIsBadInput() {
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      assertThatThrownBy(
              () ->
                  a.trend()
                      .trend(
                          new TrendQuery(
                              "w",
                              null,
                              TimeRange.last(Duration.ofDays(365)),
                              Duration.ofMinutes(1))))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("buckets");
    }
  }

  @Test
  void compareReportsBRelativeToAWithATwoSidedTest() {
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      Comparison c =
          a.comparator().compare(new CompareQuery("w", "v", TimeRange.last(Duration.ofDays(1))));
      double[] w = {800, 1400};
      double[] v = new double[12];
      for (int i = 0; i < 12; i++) {
        v[i] = 700.0 + 37 * i;
      }
      assertThat(c.a().medianMs()).isEqualTo(Expected.r7(w, 0.5));
      assertThat(c.b().medianMs()).isEqualTo(Expected.r7(v, 0.5));
      assertThat(c.medianChangePct())
          .isCloseTo((Expected.r7(v, 0.5) - 1100) / 1100 * 100, within(1e-9));
      assertThat(c.successRateChange()).isCloseTo(1.0 - 0.5, within(1e-12));
      assertThat(c.pValue())
          .isCloseTo(new MannWhitneyUTest().mannWhitneyUTest(w, v), within(1e-12));
    }
  }
}
