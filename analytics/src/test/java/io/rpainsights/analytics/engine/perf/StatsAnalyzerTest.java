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
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsAnalyzerTest {
  @TempDir Path dir;
  Path db;

  @BeforeEach
  void fixture() {
    db = dir.resolve("stats.db");
    try (StoreFixture f = StoreFixture.create(db)) {
      long h = 3_600_000L;
      f.execution("e1", "invoice", "host-a", ago(Duration.ofHours(5)), 100.0, "success", 2, null)
          .execution("e2", "invoice", "host-a", ago(Duration.ofHours(4)), 200.0, "success", 2, null)
          .execution("e3", "invoice", "host-b", ago(Duration.ofHours(3)), 300.0, "failed", 2, "X")
          .execution(
              "e4", "invoice", "host-b", ago(Duration.ofHours(2)), 1000.0, "timeout", 2, null)
          .execution(
              "e5", "invoice", "host-a", ago(Duration.ofMinutes(5)), null, "running", 2, null)
          .execution("e6", "invoice", "host-a", ago(Duration.ofDays(8)), 5000.0, "success", 2, null)
          .execution("e7", "claims", "host-a", ago(Duration.ofHours(1)), 50.0, "success", 1, null);
      long t1 = ago(Duration.ofHours(5));
      f.step("e1", "invoice", "open", "navigate", 1, t1, 40, "success", null)
          .step("e1", "invoice", "ocr", "ocr", 2, t1 + 40, 60, "success", null)
          .step("e2", "invoice", "open", "navigate", 1, t1 + h, 50, "success", null)
          .step("e2", "invoice", "ocr", "ocr", 2, t1 + h + 50, 150, "recovered", "OcrError")
          .step("e3", "invoice", "open", "navigate", 1, t1 + 2 * h, 45, "success", null)
          .step("e3", "invoice", "ocr", "ocr", 2, t1 + 2 * h + 45, 255, "failed", "OcrError")
          .step("e7", "claims", "read", "ocr", 1, ago(Duration.ofHours(1)), 50, "success", null);
    }
  }

  private List<StatsRow> stats(StatsQuery q) {
    try (Analytics a = Analytics.open(db, StoreFixture.CLOCK)) {
      return a.stats().stats(q);
    }
  }

  @Test
  void everyFinishedExecutionInTheWindowCountsWhateverItsOutcome() {
    List<StatsRow> rows = stats(StatsQuery.lastWeek());
    assertThat(rows).extracting(StatsRow::workflowId).containsExactly("claims", "invoice");
    StatsRow invoice = rows.get(1);
    double[] durations = {100, 200, 300, 1000};
    assertThat(invoice.count()).isEqualTo(4);
    assertThat(invoice.successRate()).isEqualTo(0.5);
    assertThat(invoice.avgMs()).isCloseTo(Expected.mean(durations), within(1e-9));
    assertThat(invoice.medianMs()).isCloseTo(Expected.r7(durations, 0.5), within(1e-9));
    assertThat(invoice.p95Ms()).isCloseTo(Expected.r7(durations, 0.95), within(1e-9));
    assertThat(invoice.p99Ms()).isCloseTo(Expected.r7(durations, 0.99), within(1e-9));
    assertThat(invoice.minMs()).isEqualTo(100.0);
    assertThat(invoice.maxMs()).isEqualTo(1000.0);
    assertThat(invoice.stddevMs()).isCloseTo(Expected.sampleStddev(durations), within(1e-9));
    assertThat(rows.get(0).stddevMs()).isNull();
  }

  @Test
  void statusNarrowsTheRows() {
    List<StatsRow> rows =
        stats(
            new StatsQuery(
                "invoice", TimeRange.last(Duration.ofDays(7)), GroupBy.WORKFLOW, "failed"));
    assertThat(rows)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.count()).isEqualTo(1);
              assertThat(r.medianMs()).isEqualTo(300.0);
              assertThat(r.successRate()).isZero();
            });
  }

  @Test
  void aLongerWindowTakesInOlderExecutions() {
    List<StatsRow> rows =
        stats(
            new StatsQuery("invoice", TimeRange.last(Duration.ofDays(9)), GroupBy.WORKFLOW, null));
    assertThat(rows.get(0).count()).isEqualTo(5);
    assertThat(rows.get(0).maxMs()).isEqualTo(5000.0);
  }

  @Test
  void perStepCompletedMeansSuccessOrRecoveredAndStepsKeepTheirOrder() {
    List<StatsRow> rows =
        stats(new StatsQuery("invoice", TimeRange.last(Duration.ofDays(7)), GroupBy.STEP, null));
    assertThat(rows).extracting(StatsRow::nodeId).containsExactly("open", "ocr");
    StatsRow ocr = rows.get(1);
    double[] d = {60, 150, 255};
    assertThat(ocr.actionType()).isEqualTo("ocr");
    assertThat(ocr.count()).isEqualTo(3);
    assertThat(ocr.successRate()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(ocr.p95Ms()).isCloseTo(Expected.r7(d, 0.95), within(1e-9));
    assertThat(ocr.stddevMs()).isCloseTo(Expected.sampleStddev(d), within(1e-9));
  }

  @Test
  void perActionGroupsStepsOfOneActionType() {
    List<StatsRow> rows =
        stats(new StatsQuery(null, TimeRange.last(Duration.ofDays(7)), GroupBy.ACTION, null));
    assertThat(rows)
        .extracting(StatsRow::workflowId, StatsRow::actionType, StatsRow::count)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("claims", "ocr", 1L),
            org.assertj.core.groups.Tuple.tuple("invoice", "navigate", 3L),
            org.assertj.core.groups.Tuple.tuple("invoice", "ocr", 3L));
    assertThat(rows.get(1).nodeId()).isNull();
  }

  @Test
  void perHostSplitsExecutions() {
    List<StatsRow> rows =
        stats(new StatsQuery("invoice", TimeRange.last(Duration.ofDays(7)), GroupBy.HOST, null));
    assertThat(rows).extracting(StatsRow::host).containsExactly("host-a", "host-b");
    assertThat(rows.get(1).medianMs()).isEqualTo(650.0);
  }

  @Test
  void anUnknownWorkflowIsBadInputAndAStepStatusMustFitSteps() {
    assertThatThrownBy(() -> stats(new StatsQuery("nope", null, null, null)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown workflow 'nope'");
    assertThatThrownBy(() -> new StatsQuery(null, null, GroupBy.STEP, "timeout"))
        .isInstanceOf(InvalidInputException.class);
  }
}
