package io.rpainsights.analytics.engine.insight;

import static io.rpainsights.analytics.testing.StoreFixture.ago;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.rpainsights.analytics.engine.Analytics;
import io.rpainsights.analytics.store.ImplementedInsightRow;
import io.rpainsights.analytics.store.InvalidInputException;
import io.rpainsights.analytics.testing.Expected;
import io.rpainsights.analytics.testing.StoreFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules on hand-made stores, with impacts computed independently. */
class InsightRulesTest {
  @TempDir Path dir;
  Path db;
  static final int RUNS = 40;

  @BeforeEach
  void fixture() {
    db = dir.resolve("r.db");
    try (StoreFixture f = StoreFixture.create(db)) {
      // 40 runs over two days: 'open' 100 ms, 'ocr' 400 + 10·i ms; one run in ten fails at 'save'.
      for (int i = 0; i < RUNS; i++) {
        long t = ago(Duration.ofHours(2 + i));
        String id = "e" + i;
        boolean fails = i % 10 == 0;
        f.execution(id, "w", t, 600.0 + 10 * i, fails ? "failed" : "success")
            .step(id, "w", "open", "navigate", 1, t, 100, "success", null)
            .step(id, "w", "ocr", "ocr", 2, t + 100, 400 + 10 * i, "success", null)
            .step(
                id,
                "w",
                "save",
                "db",
                3,
                t + 600,
                50,
                fails ? "failed" : "success",
                fails ? "SaveError" : null);
      }
    }
  }

  @Test
  void dominantBottleneckImpactIsHalfItsShare() {
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      Insight b = find(a.insights().insights(new InsightQuery("w", 30)), "dominant-bottleneck");
      double ocr = 0;
      for (int i = 0; i < RUNS; i++) {
        ocr += 400 + 10 * i;
      }
      double total = ocr + RUNS * 100 + RUNS * 50;
      assertThat(b.nodeId()).isEqualTo("ocr");
      assertThat(b.impact()).isCloseTo(ocr / total / 2, within(1e-12));
      assertThat(b.priority()).isCloseTo(ocr / total / 2 * 0.5, within(1e-12));
      double[] d = new double[RUNS];
      for (int i = 0; i < RUNS; i++) {
        d[i] = 400 + 10 * i;
      }
      assertThat(b.metric()).isEqualTo("medianMs");
      assertThat(b.metricValue()).isEqualTo(Expected.r7(d, 0.5));
    }
  }

  @Test
  void lowSuccessImpactIsTheFailedShareAndNamesTheFailingStep() {
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      Insight low = find(a.insights().insights(new InsightQuery("w", 30)), "low-success-rate");
      assertThat(low.impact()).isCloseTo(4.0 / 40, within(1e-12));
      assertThat(low.nodeId()).isEqualTo("save");
      assertThat(low.description()).contains("4 of 40 runs").contains("SaveError");
    }
  }

  @Test
  void implementedInsightsReportTheMeasuredBeforeAndAfter() {
    String id;
    double before;
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      Insight b = find(a.insights().insights(new InsightQuery("w", 30)), "dominant-bottleneck");
      id = b.id();
      before = b.metricValue();
      ImplementedInsightRow row = a.insights().implement(id, "cached OCR results", 30).row();
      assertThat(row.beforeValue()).isEqualTo(before);
      assertThat(row.implementedAt()).isEqualTo(StoreFixture.NOW.toEpochMilli());
    }
    // After the change: 10 runs with OCR at 150..240 ms.
    double[] after = new double[10];
    try (StoreFixture f = StoreFixture.create(db)) {
      for (int i = 0; i < 10; i++) {
        long t = StoreFixture.NOW.plus(Duration.ofMinutes(10 + i)).toEpochMilli();
        after[i] = 150 + 10 * i;
        f.execution("n" + i, "w", t, 400.0, "success")
            .step("n" + i, "w", "ocr", "ocr", 2, t + 100, after[i], "success", null);
      }
    }
    Clock later = Clock.fixed(StoreFixture.NOW.plus(Duration.ofHours(1)), ZoneOffset.UTC);
    try (Analytics a = Analytics.open(db, later)) {
      List<Insight> insights = a.insights().insights(new InsightQuery("w", 30));
      Insight done = insights.stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
      assertThat(done.status()).isEqualTo("implemented");
      MeasuredImpact m = done.measuredImpact();
      assertThat(m.before()).isEqualTo(before);
      assertThat(m.after()).isEqualTo(Expected.r7(after, 0.5));
      assertThat(m.changePct())
          .isCloseTo((Expected.r7(after, 0.5) - before) / before * 100, within(1e-9));
      assertThat(m.verdict()).isEqualTo("improved");
      assertThat(m.runsSince()).isEqualTo(10);
      assertThat(m.note()).isEqualTo("cached OCR results");
    }
  }

  @Test
  void anUnknownInsightCannotBeImplemented() {
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      assertThatThrownBy(() -> a.insights().implement("0000000000", null, 30))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("unknown insight");
    }
  }

  @Test
  void anUnnamedStrategyIsNeverTheRecommendedReplacement() {
    try (StoreFixture f = StoreFixture.create(db)) {
      // 'restart-app' works in 1 of 10 attempts; recoveries another producer wrote without a
      // strategy name all work, but cannot be configured instead.
      for (int i = 0; i < 10; i++) {
        long t = ago(Duration.ofHours(2 + i)) + 700;
        f.recovery("e" + i, "w", "save", "restart-app", i == 0, t, 30)
            .recovery("e" + i, "w", "save", null, true, t + 50, 30);
      }
    }
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      Insight weak =
          a.insights().insights(new InsightQuery("w", 30)).stream()
              .filter(
                  i ->
                      i.category().equals("ineffective-recovery")
                          && "restart-app".equals(i.subject()))
              .findFirst()
              .orElseThrow();
      assertThat(weak.recommendation())
          .doesNotContain("(unnamed)")
          .contains("a strategy suited to the error");
    }
  }

  @Test
  void aStepWhoseMedianRoseFromZeroIsADegradationInsight() {
    Path zero = dir.resolve("zero.db");
    try (StoreFixture f = StoreFixture.create(zero)) {
      // 'wait' took 0 ms in 6 runs two days ago and 100 ms in 6 runs of the last day.
      for (int i = 0; i < 12; i++) {
        boolean recent = i >= 6;
        long t = recent ? ago(Duration.ofMinutes(30 + i)) : ago(Duration.ofDays(2).plusMinutes(i));
        f.execution("z" + i, "w", t, 400.0, "success")
            .step("z" + i, "w", "wait", "wait", 1, t, recent ? 100 : 0, "success", null)
            .step("z" + i, "w", "work", "db", 2, t + 100, 300, "success", null);
      }
    }
    try (Analytics a = Analytics.open(zero, StoreFixture.CLOCK)) {
      Insight d = find(a.insights().insights(new InsightQuery("w", 30)), "degradation");
      assertThat(d.nodeId()).isEqualTo("wait");
      assertThat(d.title())
          .isEqualTo("The median of 'wait' rose from 0.00 ms to 100.0 ms in the last day");
      // impact = median rise / execution median = 100 / 400.
      assertThat(d.impact()).isCloseTo(100.0 / 400, within(1e-12));
      assertThat(d.metricValue()).isEqualTo(100.0);
    }
  }

  @Test
  void aBottleneckIsMeasuredAfterOverTheSameRunsAsBefore() {
    // 'slow' succeeds at 1000 ms in every other run and fails at 10 ms in the others, before and
    // after the insight is marked: nothing changed, so the measurement must say so.
    Path mixed = dir.resolve("mixed.db");
    List<Double> beforeRuns = new java.util.ArrayList<>();
    List<Double> afterRuns = new java.util.ArrayList<>();
    try (StoreFixture f = StoreFixture.create(mixed)) {
      for (int i = 0; i < 60; i++) {
        boolean after = i >= 40;
        long t =
            after
                ? StoreFixture.NOW.plus(Duration.ofMinutes(10 + i)).toEpochMilli()
                : ago(Duration.ofHours(10).minusMinutes(i));
        boolean ok = i % 2 == 0;
        double slow = ok ? 1000 : 10;
        (after ? afterRuns : beforeRuns).add(slow);
        f.execution("m" + i, "w", t, ok ? 1100.0 : 20.0, ok ? "success" : "failed")
            .step("m" + i, "w", "slow", "ocr", 1, t, slow, ok ? "success" : "failed", null)
            .step("m" + i, "w", "fast", "db", 2, t + 5, 5, "success", null);
      }
    }
    double before = Expected.r7(beforeRuns.stream().mapToDouble(x -> x).toArray(), 0.5);
    double after = Expected.r7(afterRuns.stream().mapToDouble(x -> x).toArray(), 0.5);
    assertThat(before).isEqualTo(505);
    String id;
    try (Analytics a = Analytics.open(mixed, StoreFixture.CLOCK)) {
      Insight b = find(a.insights().insights(new InsightQuery("w", 30)), "dominant-bottleneck");
      assertThat(b.metricValue()).isEqualTo(before);
      id = b.id();
      a.insights().implement(id, null, 30);
    }
    MeasuredImpact m = measuredTwoHoursLater(mixed, id);
    assertThat(m.before()).isEqualTo(before);
    assertThat(m.after()).isEqualTo(after);
    assertThat(m.changePct()).isEqualTo(0.0);
    assertThat(m.runsSince()).isEqualTo(afterRuns.size());
    assertThat(m.verdict()).isEqualTo("unchanged");
  }

  @Test
  void aRecoveryWithoutAStrategyIsMeasuredApartFromOneNamedUnnamed() {
    // 24 attempts with a NULL strategy, one in four works, before and after the insight is marked;
    // 12 attempts of a strategy literally named '(unnamed)' never work, before and after.
    Path rec = dir.resolve("recovery.db");
    try (StoreFixture f = StoreFixture.create(rec)) {
      for (int i = 0; i < 48; i++) {
        long t =
            i >= 24
                ? StoreFixture.NOW.plus(Duration.ofMinutes(10 + i)).toEpochMilli()
                : ago(Duration.ofHours(10).minusMinutes(i));
        f.execution("r" + i, "w", t, 100.0, "success")
            .step("r" + i, "w", "n", "click", 1, t, 50, i % 4 == 0 ? "recovered" : "success", null)
            .recovery("r" + i, "w", "n", null, i % 4 == 0, t + 1, 5);
        if (i % 2 == 0) {
          f.recovery("r" + i, "w", "n", "(unnamed)", false, t + 2, 5);
        }
      }
    }
    String id;
    try (Analytics a = Analytics.open(rec, StoreFixture.CLOCK)) {
      List<Insight> weak =
          a.insights().insights(new InsightQuery("w", 30)).stream()
              .filter(i -> i.category().equals("ineffective-recovery"))
              .toList();
      assertThat(weak).extracting(Insight::subject).containsExactlyInAnyOrder(null, "(unnamed)");
      assertThat(weak).extracting(Insight::id).doesNotHaveDuplicates();
      Insight unnamed = weak.stream().filter(i -> i.subject() == null).findFirst().orElseThrow();
      assertThat(unnamed.metricValue()).isEqualTo(6.0 / 24);
      assertThat(unnamed.title()).doesNotContain("null").doesNotContain("(unnamed)");
      id = unnamed.id();
      a.insights().implement(id, null, 30);
    }
    MeasuredImpact m = measuredTwoHoursLater(rec, id);
    assertThat(m.runsSince()).isEqualTo(24);
    assertThat(m.after()).isEqualTo(6.0 / 24);
    assertThat(m.verdict()).isEqualTo("unchanged");
  }

  /** The measured impact of insight {@code id} of workflow w, two hours after {@code NOW}. */
  static MeasuredImpact measuredTwoHoursLater(Path db, String id) {
    Clock later = Clock.fixed(StoreFixture.NOW.plus(Duration.ofHours(2)), ZoneOffset.UTC);
    try (Analytics a = Analytics.open(db, later)) {
      return a.insights().insights(new InsightQuery("w", 30)).stream()
          .filter(i -> i.id().equals(id))
          .findFirst()
          .orElseThrow()
          .measuredImpact();
    }
  }

  static Insight find(List<Insight> insights, String category) {
    return insights.stream()
        .filter(i -> i.category().equals(category))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + category + " in " + insights));
  }
}
