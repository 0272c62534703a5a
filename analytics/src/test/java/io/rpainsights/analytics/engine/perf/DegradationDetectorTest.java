package io.rpainsights.analytics.engine.perf;

import static io.rpainsights.analytics.testing.StoreFixture.ago;
import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.analytics.engine.Analytics;
import io.rpainsights.analytics.generate.GenerationSummary;
import io.rpainsights.analytics.generate.GeneratorConfig;
import io.rpainsights.analytics.generate.HistoryGenerator;
import io.rpainsights.analytics.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DegradationDetectorTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void anInjectedThreefoldSlowdownIsFlaggedAndUnchangedStepsAreNot(long seed) {
    Path db = dir.resolve("g" + seed + ".db");
    GenerationSummary truth =
        new HistoryGenerator()
            .generate(
                db,
                GeneratorConfig.of(4_000, Duration.ofDays(10), 6, seed, StoreFixture.NOW),
                null);
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      int flagged = 0;
      int judged = 0;
      for (String workflow : a.reader().workflows()) {
        List<StepDegradation> steps =
            a.degradation()
                .degradation(DegradationQuery.of(workflow, Duration.ofDays(7), Duration.ofDays(1)));
        for (StepDegradation s : steps) {
          judged++;
          boolean injected =
              workflow.equals(truth.degradedWorkflowId())
                  && s.nodeId().equals(truth.degradedNodeId());
          assertThat(s.degraded())
              .as(workflow + "/" + s.nodeId() + ": " + s.verdict())
              .isEqualTo(injected);
          if (s.degraded()) {
            flagged++;
            assertThat(s.changePct()).isGreaterThan(100);
            assertThat(s.pValue()).isLessThan(1e-6);
          }
        }
      }
      assertThat(flagged).isEqualTo(1);
      assertThat(judged).isGreaterThan(20);
    }
  }

  @Test
  void aSmallButSignificantShiftIsNotADegradationAndTooFewRunsAreNotJudged() {
    Path db = dir.resolve("f.db");
    SplittableRandom r = new SplittableRandom(5);
    try (StoreFixture f = StoreFixture.create(db)) {
      f.execution("e", "w", ago(Duration.ofDays(3)), 1.0, "success");
      int n = 0;
      // 600 baseline runs of 100 ms ± noise and 300 current runs 8 % slower: significant, small.
      for (int i = 0; i < 600; i++) {
        long t = ago(Duration.ofMinutes(1500 + i * 10L));
        f.step(
            "e",
            "w",
            "small",
            "click",
            1,
            t,
            100 * Math.exp(0.05 * r.nextGaussian()),
            "success",
            null);
      }
      for (int i = 0; i < 300; i++) {
        long t = ago(Duration.ofMinutes(1 + i * 4L));
        f.step(
            "e",
            "w",
            "small",
            "click",
            1,
            t,
            108 * Math.exp(0.05 * r.nextGaussian()),
            "success",
            null);
        n++;
      }
      // 3 current runs of a step 5x slower: too few to judge.
      for (int i = 0; i < 20; i++) {
        f.step(
            "e",
            "w",
            "rare",
            "ocr",
            2,
            ago(Duration.ofDays(2).plusMinutes(i)),
            1000,
            "success",
            null);
      }
      for (int i = 0; i < 3; i++) {
        f.step("e", "w", "rare", "ocr", 2, ago(Duration.ofMinutes(30 + i)), 5000, "success", null);
      }
      assertThat(n).isEqualTo(300);
    }
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      List<StepDegradation> steps =
          a.degradation()
              .degradation(DegradationQuery.of("w", Duration.ofDays(7), Duration.ofDays(1)));
      StepDegradation small = steps.get(0);
      assertThat(small.nodeId()).isEqualTo("small");
      assertThat(small.pValue()).isLessThan(0.01);
      assertThat(small.changePct()).isBetween(4.0, 12.0);
      assertThat(small.degraded()).isFalse();
      assertThat(small.verdict()).startsWith("no: median");
      StepDegradation rare = steps.get(1);
      assertThat(rare.currentCount()).isEqualTo(3);
      assertThat(rare.pValue()).isNull();
      assertThat(rare.degraded()).isFalse();
      assertThat(rare.verdict()).startsWith("too few runs");
    }
  }

  @Test
  void aRiseFromAMedianOfZeroIsADegradationWhenTheAbsoluteRiseIsLargeEnough() {
    Path db = dir.resolve("zero.db");
    try (StoreFixture f = StoreFixture.create(db)) {
      f.execution("e", "w", ago(Duration.ofDays(3)), 1.0, "success");
      // 'zero': 6 baseline runs of 0 ms, 6 current runs of 100 ms. 'tiny': 0 ms, then 0.5 ms, a
      // rise
      // below the 1 ms floor.
      for (int i = 0; i < 6; i++) {
        f.step(
                "e",
                "w",
                "zero",
                "click",
                1,
                ago(Duration.ofDays(2).plusMinutes(i)),
                0,
                "success",
                null)
            .step(
                "e", "w", "zero", "click", 1, ago(Duration.ofMinutes(30 + i)), 100, "success", null)
            .step(
                "e",
                "w",
                "tiny",
                "click",
                2,
                ago(Duration.ofDays(2).plusMinutes(i)),
                0,
                "success",
                null)
            .step(
                "e",
                "w",
                "tiny",
                "click",
                2,
                ago(Duration.ofMinutes(30 + i)),
                0.5,
                "success",
                null);
      }
    }
    // Mann-Whitney by hand: every current run beats every baseline run, U = 36; two tie groups of 6
    // in N = 12: σ² = 6·6/12 · (13 − 2·(6³ − 6)/(12·11)) = 3 · (13 − 420/132); mean 18.
    double z = (36 - 18) / Math.sqrt(3 * (13 - 420.0 / 132));
    double p =
        1 - new org.apache.commons.math3.distribution.NormalDistribution().cumulativeProbability(z);
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      List<StepDegradation> steps =
          a.degradation()
              .degradation(DegradationQuery.of("w", Duration.ofDays(7), Duration.ofDays(1)));
      StepDegradation zero = steps.get(0);
      assertThat(zero.nodeId()).isEqualTo("zero");
      assertThat(zero.baselineMedianMs()).isEqualTo(0.0);
      assertThat(zero.currentMedianMs()).isEqualTo(100.0);
      assertThat(zero.changePct()).as("a ratio to 0 is undefined").isNull();
      assertThat(zero.pValue()).isCloseTo(p, org.assertj.core.api.Assertions.within(1e-12));
      assertThat(zero.degraded()).as(zero.verdict()).isTrue();
      assertThat(zero.verdict()).startsWith("slower: median 0.00 ms → 100.0 ms, p = 0.00046");
      StepDegradation tiny = steps.get(1);
      assertThat(tiny.nodeId()).isEqualTo("tiny");
      assertThat(tiny.degraded()).isFalse();
      assertThat(tiny.verdict()).isEqualTo("no: median 0.00 ms → 0.50 ms, below +20 % / +1 ms");
    }
  }

  @Test
  void aStepWhoseRunsAllFailedStillGetsAVerdict() {
    Path db = dir.resolve("failed.db");
    try (StoreFixture f = StoreFixture.create(db)) {
      f.execution("e", "w", ago(Duration.ofDays(3)), 1.0, "failed");
      for (int i = 0; i < 6; i++) {
        f.step(
                "e",
                "w",
                "ok",
                "click",
                1,
                ago(Duration.ofDays(2).plusMinutes(i)),
                10,
                "success",
                null)
            .step("e", "w", "ok", "click", 1, ago(Duration.ofMinutes(30 + i)), 10, "success", null)
            .step(
                "e",
                "w",
                "broken",
                "db",
                2,
                ago(Duration.ofDays(2).plusMinutes(i)),
                5,
                "failed",
                "E")
            .step("e", "w", "broken", "db", 2, ago(Duration.ofMinutes(30 + i)), 5, "failed", "E");
      }
    }
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      List<StepDegradation> steps =
          a.degradation()
              .degradation(DegradationQuery.of("w", Duration.ofDays(7), Duration.ofDays(1)));
      assertThat(steps).extracting(StepDegradation::nodeId).containsExactly("ok", "broken");
      StepDegradation broken = steps.get(1);
      assertThat(broken.actionType()).isEqualTo("db");
      assertThat(broken.baselineCount()).isZero();
      assertThat(broken.currentCount()).isZero();
      assertThat(broken.baselineMedianMs()).isNull();
      assertThat(broken.currentMedianMs()).isNull();
      assertThat(broken.pValue()).isNull();
      assertThat(broken.degraded()).isFalse();
      assertThat(broken.verdict()).isEqualTo("no completed runs in either window");
    }
  }
}
