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
}
