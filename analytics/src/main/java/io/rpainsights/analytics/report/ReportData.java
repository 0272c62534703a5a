package io.rpainsights.analytics.report;

import io.rpainsights.analytics.engine.anomaly.Anomaly;
import io.rpainsights.analytics.engine.insight.Insight;
import io.rpainsights.analytics.engine.perf.Bottleneck;
import io.rpainsights.analytics.engine.perf.StatsRow;
import io.rpainsights.analytics.engine.perf.StepDegradation;
import io.rpainsights.analytics.engine.perf.TrendPoint;
import io.rpainsights.analytics.engine.success.StrategySuccess;
import io.rpainsights.analytics.engine.success.SuccessPoint;
import io.rpainsights.analytics.engine.success.WorkflowSuccess;
import java.time.Instant;
import java.util.List;

/**
 * Everything a report shows, as the engine's records: the JSON report is this record, the HTML and
 * CSV reports are drawn from it.
 */
public record ReportData(
    Instant generatedAt,
    String store,
    boolean synthetic,
    Instant since,
    Instant until,
    Summary summary,
    List<WorkflowReport> workflows,
    List<StrategySuccess> strategies,
    List<Anomaly> anomalies,
    List<Insight> insights) {

  /** Totals over the report's workflows. */
  public record Summary(
      int workflows,
      long executions,
      Double successRate,
      long stepsSavedBySelfHealing,
      int degradedSteps,
      int anomalies,
      int insights,
      int running) {}

  /** One workflow's section. */
  public record WorkflowReport(
      String workflowId,
      StatsRow stats,
      WorkflowSuccess success,
      List<StatsRow> steps,
      List<Bottleneck> bottlenecks,
      List<StepDegradation> degradation,
      long trendBucketMs,
      List<TrendPoint> trend,
      List<SuccessPoint> successOverTime,
      Histogram durationHistogram) {}

  /**
   * Execution durations in equal-width bins from the minimum to the p99; {@code overflow} counts
   * the runs above the last bin.
   */
  public record Histogram(double fromMs, double binWidthMs, long[] counts, long overflow) {}
}
