package io.rpainsights.analytics.engine.success;

import static io.rpainsights.analytics.testing.StoreFixture.ago;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rpainsights.analytics.engine.Analytics;
import io.rpainsights.analytics.engine.perf.GroupBy;
import io.rpainsights.analytics.engine.perf.StatsQuery;
import io.rpainsights.analytics.engine.perf.StatsRow;
import io.rpainsights.analytics.store.TimeRange;
import io.rpainsights.analytics.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuccessAnalyzerTest {
  @TempDir Path dir;
  Path db;
  static final SuccessQuery DAY = SuccessQuery.of(null, TimeRange.last(Duration.ofDays(1)));

  @BeforeEach
  void fixture() {
    db = dir.resolve("s.db");
    long t = ago(Duration.ofHours(10));
    long h = 3_600_000;
    try (StoreFixture f = StoreFixture.create(db)) {
      // e1 succeeds at once; e2 succeeds because ocr was healed by retry (after alt-selector
      // failed); e3 fails in ocr (retry failed); e4 times out.
      f.execution("e1", "w", "h", t, 100.0, "success", 2, null)
          .execution("e2", "w", "h", t + h, 300.0, "success", 2, null)
          .execution("e3", "w", "h", t + 2 * h, 200.0, "failed", 2, "OcrError")
          .execution("e4", "w", "h", t + 3 * h, 900.0, "timeout", 2, null);
      f.sql("UPDATE executions SET steps_recovered = 1 WHERE execution_id = 'e2'");
      f.step("e1", "w", "open", "navigate", 1, t, 40, "success", null)
          .step("e1", "w", "ocr", "ocr", 2, t + 40, 60, "success", null)
          .step("e2", "w", "open", "navigate", 1, t + h, 40, "success", null)
          .step("e2", "w", "ocr", "ocr", 2, t + h + 40, 60, "recovered", "OcrError")
          .step("e3", "w", "open", "navigate", 1, t + 2 * h, 40, "success", null)
          .step("e3", "w", "ocr", "ocr", 2, t + 2 * h + 40, 60, "failed", "OcrError")
          .step("e4", "w", "open", "navigate", 1, t + 3 * h, 900, "success", null);
      f.recovery("e2", "w", "ocr", "alternate-selector", false, t + h + 100, 20)
          .recovery("e2", "w", "ocr", "retry", true, t + h + 120, 30)
          .recovery("e3", "w", "ocr", "retry", false, t + 2 * h + 100, 50);
    }
  }

  @Test
  void perWorkflowCountsOutcomesAndWhatSelfHealingSaved() {
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      WorkflowSuccess w = a.success().byWorkflow(DAY).get(0);
      assertThat(w.executions()).isEqualTo(4);
      assertThat(w.succeeded()).isEqualTo(2);
      assertThat(w.failed()).isEqualTo(1);
      assertThat(w.timedOut()).isEqualTo(1);
      assertThat(w.successRate()).isEqualTo(0.5);
      assertThat(w.steps()).isEqualTo(7);
      assertThat(w.stepsFailed()).isEqualTo(1);
      assertThat(w.stepsSavedBySelfHealing()).isEqualTo(1);
      assertThat(w.stepSuccessRate()).isCloseTo(6.0 / 7, within(1e-12));
      assertThat(w.recoveryAttempts()).isEqualTo(3);
      assertThat(w.recoveriesSucceeded()).isEqualTo(1);
      assertThat(w.recoverySuccessRate()).isCloseTo(1.0 / 3, within(1e-12));
      assertThat(w.executionsSavedBySelfHealing()).isEqualTo(1);
    }
  }

  @Test
  void aStepsActionTypeIsTheMostFrequentNonNullOneAsInStats() {
    // Another producer wrote the earliest "scan" row without an action type; the later rows say
    // "read". By hand: rows without an action type are not counted, so the most frequent is "read".
    Path mixed = dir.resolve("mixed.db");
    long t = ago(Duration.ofHours(5));
    try (StoreFixture f = StoreFixture.create(mixed)) {
      f.execution("m1", "w", t, 100.0, "success")
          .execution("m2", "w", t + 1000, 100.0, "success")
          .step("m1", "w", "scan", null, 1, t, 50, "success", null)
          .step("m2", "w", "scan", "read", 1, t + 1000, 50, "success", null)
          .step("m2", "w", "scan", "read", 1, t + 2000, 50, "success", null);
    }
    try (Analytics a = Analytics.open(mixed, StoreFixture.CLOCK)) {
      List<StepSuccess> steps = a.success().byStep(DAY);
      assertThat(steps).extracting(StepSuccess::actionType).containsExactly("read");
      StatsRow stats =
          a.stats()
              .stats(new StatsQuery("w", TimeRange.last(Duration.ofDays(1)), GroupBy.STEP, null))
              .get(0);
      assertThat(stats.actionType()).isEqualTo("read");
    }
  }

  @Test
  void perStepRatesSeparateFirstTimeSuccessFromHealing() {
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      List<StepSuccess> steps = a.success().byStep(DAY);
      assertThat(steps).extracting(StepSuccess::nodeId).containsExactly("open", "ocr");
      StepSuccess ocr = steps.get(1);
      assertThat(ocr.runs()).isEqualTo(3);
      assertThat(ocr.successRate()).isCloseTo(2.0 / 3, within(1e-12));
      assertThat(ocr.firstTimeRate()).isCloseTo(1.0 / 3, within(1e-12));
      assertThat(ocr.recoveryRate()).isEqualTo(0.5);
      assertThat(steps.get(0).recoveryRate()).isNull();
    }
  }

  @Test
  void perErrorTypeCountsStepErrorsAndFailedRuns() {
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      List<ErrorSuccess> errors = a.success().byError(DAY);
      assertThat(errors)
          .extracting(ErrorSuccess::errorType)
          .containsExactly("OcrError", "(timeout)");
      ErrorSuccess ocr = errors.get(0);
      assertThat(ocr.stepErrors()).isEqualTo(2);
      assertThat(ocr.recovered()).isEqualTo(1);
      assertThat(ocr.unrecovered()).isEqualTo(1);
      assertThat(ocr.share()).isEqualTo(1.0);
      assertThat(ocr.executionFailures()).isEqualTo(1);
      assertThat(errors.get(1).executionFailures()).isEqualTo(1);
    }
  }

  @Test
  void perStrategySuccessAndDuration() {
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      List<StrategySuccess> s = a.success().byStrategy(DAY);
      assertThat(s)
          .extracting(StrategySuccess::strategy)
          .containsExactly("retry", "alternate-selector");
      assertThat(s.get(0).attempts()).isEqualTo(2);
      assertThat(s.get(0).successRate()).isEqualTo(0.5);
      assertThat(s.get(0).medianMs()).isEqualTo(40.0);
      assertThat(s.get(1).successRate()).isZero();
    }
  }

  @Test
  void aRecoveryWithoutAWorkflowCountsAsAnAttemptButNotAsAWorkflow() {
    long t = ago(Duration.ofHours(2));
    try (StoreFixture f = StoreFixture.create(db)) {
      f.recovery("x1", null, "ocr", "retry", true, t, 10);
    }
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      StrategySuccess retry = a.success().byStrategy(DAY).get(0);
      assertThat(retry.strategy()).isEqualTo("retry");
      assertThat(retry.attempts()).isEqualTo(3);
      // By hand: retry was used in workflow 'w' and in a row with no workflow.
      assertThat(retry.workflows()).isEqualTo(1);
    }
  }

  @Test
  void aRecoveryWithoutAWorkflowIsNotOneOfAWorkflowNamedNull() {
    // A workflow whose id is the text 'null' made 1 attempt (it worked); another producer wrote 2
    // attempts without a workflow (NULL), which belong to no workflow's figures.
    long t = ago(Duration.ofHours(2));
    try (StoreFixture f = StoreFixture.create(db)) {
      f.execution("n1", "null", t, 100.0, "success")
          .recovery("n1", "null", "save", "retry", true, t + 10, 10)
          .recovery("x1", null, "save", "retry", false, t + 20, 10)
          .recovery("x2", null, "save", "retry", false, t + 30, 10);
    }
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      WorkflowSuccess named =
          a.success().byWorkflow(DAY).stream()
              .filter(w -> w.workflowId().equals("null"))
              .findFirst()
              .orElseThrow();
      assertThat(named.recoveryAttempts()).isEqualTo(1);
      assertThat(named.recoveriesSucceeded()).isEqualTo(1);
      assertThat(named.recoverySuccessRate()).isEqualTo(1.0);
    }
  }

  @Test
  void attemptsWithoutAStrategyAreAGroupApartFromAStrategyNamedUnnamed() {
    long t = ago(Duration.ofHours(2));
    try (StoreFixture f = StoreFixture.create(db)) {
      f.execution("u1", "u", t, 100.0, "success")
          .recovery("u1", "u", "save", null, true, t + 10, 10)
          .recovery("u1", "u", "save", null, false, t + 20, 30)
          .recovery("u1", "u", "save", "(unnamed)", false, t + 30, 50);
    }
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      List<StrategySuccess> all =
          a.success().byStrategy(SuccessQuery.of("u", TimeRange.last(Duration.ofDays(1))));
      assertThat(all)
          .extracting(StrategySuccess::strategy, StrategySuccess::attempts)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(null, 2L),
              org.assertj.core.groups.Tuple.tuple("(unnamed)", 1L));
      assertThat(all.get(0).successRate()).isEqualTo(0.5);
      assertThat(all.get(0).medianMs()).isEqualTo(20.0);
    }
  }

  @Test
  void overTimeBucketsByTheHour() {
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      List<SuccessPoint> points =
          a.success()
              .overTime(
                  new SuccessQuery("w", TimeRange.last(Duration.ofHours(11)), Duration.ofHours(1)));
      assertThat(points).hasSize(11);
      SuccessPoint second = points.get(2);
      assertThat(second.bucketStart()).isEqualTo(Instant.parse("2026-11-22T03:00:00Z"));
      assertThat(second.executions()).isEqualTo(1);
      assertThat(second.stepsSavedBySelfHealing()).isEqualTo(1);
      assertThat(second.recoveryAttempts()).isEqualTo(2);
      assertThat(second.recoverySuccessRate()).isEqualTo(0.5);
      assertThat(points.get(0).successRate()).isNull();
    }
  }
}
