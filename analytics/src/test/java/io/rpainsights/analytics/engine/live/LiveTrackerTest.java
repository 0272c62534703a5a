package io.rpainsights.analytics.engine.live;

import static io.rpainsights.analytics.testing.StoreFixture.ago;
import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.analytics.engine.Analytics;
import io.rpainsights.analytics.testing.Expected;
import io.rpainsights.analytics.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveTrackerTest {
  @TempDir Path dir;

  @Test
  void withNothingRunningADeletedStoreIsStillReported() throws Exception {
    Path db = dir.resolve("gone.db");
    try (StoreFixture f = StoreFixture.create(db)) {
      f.execution("done", "w", ago(Duration.ofHours(1)), 100.0, "success");
    }
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      assertThat(a.live().running()).isEmpty();
      java.nio.file.Files.delete(db);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.live().running())
          .isInstanceOf(io.rpainsights.analytics.store.StoreGoneException.class);
    }
  }

  @Test
  void etaAddsRemainingPositionMediansLessTheRunningStepsElapsedTime() {
    Path db = dir.resolve("l.db");
    // History: four successful runs of 3 steps; position 2 takes 100/200/300/400 ms, position 3
    // takes 1000/1100/1200/1300 ms.
    double[] p2 = {100, 200, 300, 400};
    double[] p3 = {1000, 1100, 1200, 1300};
    try (StoreFixture f = StoreFixture.create(db)) {
      for (int i = 0; i < 4; i++) {
        long t = ago(Duration.ofHours(2 + i));
        String id = "h" + i;
        f.execution(id, "w", t, 2000.0, "success")
            .step(id, "w", "a", "click", 1, t, 50, "success", null)
            .step(id, "w", "b", "type", 2, t + 50, p2[i], "success", null)
            .step(id, "w", "c", "ocr", 3, t + 500, p3[i], "success", null);
      }
      f.execution("h-failed", "w", ago(Duration.ofMinutes(30)), 90_000.0, "failed");
      // Running: started 130 ms ago, step 1 ended 50 ms ago (step 2 running for 50 ms).
      long start = ago(Duration.ofMillis(130));
      f.execution("run", "w", "h", start, null, "running", 3, null)
          .step("run", "w", "a", "click", 1, start, 80, "success", null);
      f.execution(
          "new", "never-done", "h", ago(Duration.ofSeconds(5)), null, "running", null, null);
    }
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      List<LiveExecution> live = a.live().running();
      assertThat(live).extracting(LiveExecution::executionId).containsExactly("new", "run");
      LiveExecution run = live.get(1);
      assertThat(run.stepsDone()).isEqualTo(1);
      assertThat(run.stepsTotal()).isEqualTo(3);
      assertThat(run.progressPct()).isEqualTo(100.0 / 3);
      assertThat(run.elapsedMs()).isEqualTo(130);
      long now = StoreFixture.NOW.toEpochMilli();
      for (Object[] check :
          new Object[][] {{run.etaAt(), 0.5}, {run.etaLowAt(), 0.25}, {run.etaHighAt(), 0.75}}) {
        double p = (double) check[1];
        double expected = Math.max(0, Expected.r7(p2, p) - 50) + Expected.r7(p3, p);
        assertThat(((java.time.Instant) check[0]).toEpochMilli())
            .isEqualTo(now + Math.round(expected));
      }
      assertThat(run.etaLowAt()).isBefore(run.etaAt());
      assertThat(run.etaHighAt()).isAfter(run.etaAt());
      assertThat(run.basis()).contains("2 remaining steps").contains("4 recent runs");

      LiveExecution fresh = live.get(0);
      assertThat(fresh.stepsTotal()).isNull();
      assertThat(fresh.progressPct()).isNull();
      assertThat(fresh.etaAt()).isNull();
      assertThat(fresh.basis()).startsWith("no estimate");
    }
  }

  @Test
  void anExecutionFromAHostWhoseClockRunsAheadGetsNoEtaBeforeItsStart() {
    Path db = dir.resolve("skew.db");
    try (StoreFixture f = StoreFixture.create(db)) {
      for (int i = 0; i < 3; i++) {
        long t = ago(Duration.ofHours(2 + i));
        String id = "h" + i;
        f.execution(id, "w", t, 300.0, "success")
            .step(id, "w", "a", "click", 1, t, 100, "success", null)
            .step(id, "w", "b", "type", 2, t + 100, 200, "success", null);
      }
      // Its host's clock is 10 s ahead of ours.
      long start = StoreFixture.NOW.toEpochMilli() + 10_000;
      f.execution("ahead", "w", "h", start, null, "running", 2, null);
    }
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      LiveExecution ahead = a.live().running().get(0);
      assertThat(ahead.elapsedMs()).isZero();
      assertThat(ahead.etaLowAt()).isAfterOrEqualTo(ahead.startedAt());
      assertThat(ahead.etaAt().toEpochMilli())
          .isEqualTo(ahead.startedAt().toEpochMilli() + 100 + 200);
    }
  }
}
