package io.rpainsights.analytics.report;

import io.rpainsights.analytics.engine.Analytics;
import io.rpainsights.analytics.engine.anomaly.Anomaly;
import io.rpainsights.analytics.engine.anomaly.AnomalyQuery;
import io.rpainsights.analytics.engine.anomaly.Scale;
import io.rpainsights.analytics.engine.insight.Insight;
import io.rpainsights.analytics.engine.insight.InsightQuery;
import io.rpainsights.analytics.engine.perf.DegradationQuery;
import io.rpainsights.analytics.engine.perf.GroupBy;
import io.rpainsights.analytics.engine.perf.StatsQuery;
import io.rpainsights.analytics.engine.perf.StatsRow;
import io.rpainsights.analytics.engine.perf.StepDegradation;
import io.rpainsights.analytics.engine.perf.TrendQuery;
import io.rpainsights.analytics.engine.stat.DoubleList;
import io.rpainsights.analytics.engine.success.SuccessQuery;
import io.rpainsights.analytics.engine.success.WorkflowSuccess;
import io.rpainsights.analytics.store.Detail;
import io.rpainsights.analytics.store.InvalidInputException;
import io.rpainsights.analytics.store.RowFilter;
import io.rpainsights.analytics.store.TimeRange;
import io.rpainsights.analytics.store.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Gathers a report's data from the engine. */
public final class ReportBuilder {
  private static final Duration[] BUCKETS = {
    Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
    Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6),
    Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(7)
  };
  private static final int HISTOGRAM_BINS = 24;

  private final Analytics analytics;

  public ReportBuilder(Analytics analytics) {
    this.analytics = analytics;
  }

  public ReportData build(ReportQuery query) {
    Instant now = analytics.clock().instant();
    Window window = query.range().resolve(now);
    TimeRange fixed = TimeRange.between(window.since(), window.until());
    List<String> workflows = new ArrayList<>();
    if (query.workflows().isEmpty()) {
      workflows.addAll(analytics.reader().workflows());
    } else {
      for (String w : new LinkedHashSet<>(query.workflows())) {
        analytics.reader().requireWorkflow(w);
        workflows.add(w);
      }
    }
    Duration bucket = bucketFor(window.length());
    Duration currentLength =
        query.current() != null ? query.current() : defaultCurrent(window.length());
    Duration baselineLength = window.length().minus(currentLength);
    if (query.current() != null && (baselineLength.isNegative() || baselineLength.isZero())) {
      throw new InvalidInputException(
          "--current must be shorter than the report's window (" + window.length() + ")");
    }
    TimeRange anomalyRange = fixed;
    if (query.anomalies() != null) {
      Window w = query.anomalies().resolve(now);
      anomalyRange = TimeRange.between(w.since(), w.until());
    }

    List<ReportData.WorkflowReport> sections = new ArrayList<>();
    long executions = 0;
    long succeeded = 0;
    long healed = 0;
    int degraded = 0;
    for (String w : workflows) {
      List<StatsRow> stats =
          analytics.stats().compute(new StatsQuery(w, fixed, GroupBy.WORKFLOW, null), window);
      List<WorkflowSuccess> success = analytics.success().byWorkflow(w, window);
      List<StepDegradation> degradation =
          baselineLength.isNegative() || baselineLength.isZero()
              ? List.of()
              : analytics
                  .degradation()
                  .compute(DegradationQuery.of(w, baselineLength, currentLength), window.until());
      WorkflowSuccess ws = success.isEmpty() ? null : success.get(0);
      if (ws != null) {
        executions += ws.executions();
        succeeded += ws.succeeded();
        healed += ws.stepsSavedBySelfHealing();
      }
      degraded += (int) degradation.stream().filter(StepDegradation::degraded).count();
      sections.add(
          new ReportData.WorkflowReport(
              w,
              stats.isEmpty() ? null : stats.get(0),
              ws,
              analytics.stats().compute(new StatsQuery(w, fixed, GroupBy.STEP, null), window),
              analytics.bottlenecks().compute(w, window, Integer.MAX_VALUE),
              degradation,
              bucket.toMillis(),
              analytics.trend().compute(new TrendQuery(w, null, fixed, bucket), window),
              analytics.success().overTime(w, window, bucket.toMillis()),
              histogram(w, window)));
    }
    Set<String> scope = Set.copyOf(workflows);
    List<Anomaly> anomalies = new ArrayList<>();
    List<Insight> insights = new ArrayList<>();
    // All workflows in one query each; a selection workflow by workflow, so that a report of one
    // workflow does not analyse the whole store.
    for (String w :
        query.workflows().isEmpty()
            ? java.util.Collections.<String>singletonList(null)
            : workflows) {
      anomalies.addAll(
          analytics
              .anomalies()
              .anomalies(
                  new AnomalyQuery(
                      w, anomalyRange, 2.0, Scale.LOG, query.anomalyBaseline(), 3, null)));
      insights.addAll(analytics.insights().insights(new InsightQuery(w, query.insightDays())));
    }
    anomalies.sort(java.util.Comparator.comparing(Anomaly::startedAt));
    insights.sort(
        java.util.Comparator.comparingDouble(Insight::priority)
            .reversed()
            .thenComparing(Insight::id));
    int running =
        (int)
            analytics.live().running().stream().filter(r -> scope.contains(r.workflowId())).count();
    return new ReportData(
        now,
        analytics.store().path().getFileName().toString(),
        analytics.state().isSynthetic(),
        window.since(),
        window.until(),
        new ReportData.Summary(
            workflows.size(),
            executions,
            executions == 0 ? null : (double) succeeded / executions,
            healed,
            degraded,
            anomalies.size(),
            insights.size(),
            running),
        sections,
        analytics.success().byStrategy(SuccessQuery.of(null, fixed)),
        anomalies,
        insights);
  }

  /** Degradation's recent part by default: an eighth of the window, from 1 minute to 1 day. */
  private static Duration defaultCurrent(Duration window) {
    return Duration.ofMillis(
        Math.max(60_000L, Math.min(Duration.ofDays(1).toMillis(), window.toMillis() / 8)));
  }

  /** The smallest usual bucket that cuts the window into at most 60 buckets. */
  static Duration bucketFor(Duration window) {
    for (Duration d : BUCKETS) {
      if (window.toMillis() / d.toMillis() <= 60) {
        return d;
      }
    }
    return BUCKETS[BUCKETS.length - 1];
  }

  private ReportData.Histogram histogram(String workflow, Window window) {
    DoubleList values = new DoubleList();
    analytics
        .reader()
        .executions(
            RowFilter.of(workflow, window),
            Detail.TIMING,
            r -> {
              if (Double.isFinite(r.durationMs())) {
                values.add(r.durationMs());
              }
            });
    if (values.isEmpty()) {
      return new ReportData.Histogram(0, 0, new long[0], 0);
    }
    double[] sorted = values.sorted();
    double min = sorted[0];
    double top = io.rpainsights.analytics.engine.stat.Percentiles.r7(sorted, 0.99);
    double width = top > min ? (top - min) / HISTOGRAM_BINS : 1;
    long[] counts = new long[HISTOGRAM_BINS];
    long overflow = 0;
    for (double v : sorted) {
      int bin = (int) Math.floor((v - min) / width);
      if (bin >= HISTOGRAM_BINS) {
        if (v <= top) {
          counts[HISTOGRAM_BINS - 1]++;
        } else {
          overflow++;
        }
      } else {
        counts[bin]++;
      }
    }
    return new ReportData.Histogram(min, width, counts, overflow);
  }
}
