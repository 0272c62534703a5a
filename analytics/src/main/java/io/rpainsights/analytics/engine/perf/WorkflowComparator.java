package io.rpainsights.analytics.engine.perf;

import io.rpainsights.analytics.engine.stat.DoubleList;
import io.rpainsights.analytics.engine.stat.HumanDuration;
import io.rpainsights.analytics.engine.stat.MannWhitney;
import io.rpainsights.analytics.store.Detail;
import io.rpainsights.analytics.store.RowFilter;
import io.rpainsights.analytics.store.StoreReader;
import io.rpainsights.analytics.store.Window;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/** Compares two workflows' durations and success rates over the same window. */
public final class WorkflowComparator {
  private final StoreReader reader;
  private final StatsAnalyzer stats;
  private final Clock clock;

  public WorkflowComparator(StoreReader reader, StatsAnalyzer stats, Clock clock) {
    this.reader = reader;
    this.stats = stats;
    this.clock = clock;
  }

  public Comparison compare(CompareQuery query) {
    reader.requireWorkflow(query.workflowA());
    reader.requireWorkflow(query.workflowB());
    return reader
        .store()
        .cached(
            query,
            query.range().isRelative(),
            clock.millis(),
            () -> compute(query, query.range().resolve(clock.instant())));
  }

  private Comparison compute(CompareQuery q, Window window) {
    StatsRow a = one(q.workflowA(), window);
    StatsRow b = one(q.workflowB(), window);
    double[] da = durations(q.workflowA(), window);
    double[] db = durations(q.workflowB(), window);
    Double p = null;
    if (da.length > 0 && db.length > 0) {
      // Two-sided from the smaller tail, each computed directly: 1 − greater would round a tiny
      // tail to 0 (and call identical samples, where both tails are 1, a certain difference).
      MannWhitney.Result mw = MannWhitney.greater(da, db);
      p = Math.min(1.0, 2 * Math.min(mw.pValue(), mw.pValueLess()));
    }
    Double medianChange = change(a == null ? null : a.medianMs(), b == null ? null : b.medianMs());
    Double p95Change = change(a == null ? null : a.p95Ms(), b == null ? null : b.p95Ms());
    Double rateChange = a != null && b != null ? b.successRate() - a.successRate() : null;
    String significance =
        p != null && p < 0.01
            ? " (significant, " + DegradationDetector.formatP(p) + ")"
            : " (not significant)";
    String summary;
    if (medianChange != null) {
      summary =
          String.format(
              Locale.ROOT,
              "%s's median is %.0f %% %s than %s's%s",
              q.workflowB(),
              Math.abs(medianChange),
              medianChange >= 0 ? "higher" : "lower",
              q.workflowA(),
              significance);
    } else if (a != null && b != null && a.medianMs() != null && b.medianMs() != null) {
      // A's median is 0: there is no percentage, but both medians are known.
      summary =
          String.format(
              Locale.ROOT,
              "%s's median is %s against %s for %s%s",
              q.workflowB(),
              HumanDuration.format(b.medianMs()),
              HumanDuration.format(a.medianMs()),
              q.workflowA(),
              significance);
    } else {
      summary = "not enough finished executions of both workflows in the window";
    }
    return new Comparison(
        q.workflowA(), q.workflowB(), a, b, medianChange, p95Change, rateChange, p, summary);
  }

  private StatsRow one(String workflow, Window window) {
    List<StatsRow> rows =
        stats.compute(new StatsQuery(workflow, null, GroupBy.WORKFLOW, null), window);
    return rows.isEmpty() ? null : rows.get(0);
  }

  private double[] durations(String workflow, Window window) {
    DoubleList list = new DoubleList();
    reader.executions(
        RowFilter.of(workflow, window),
        Detail.TIMING,
        r -> {
          if (Double.isFinite(r.durationMs())) {
            list.add(r.durationMs());
          }
        });
    return list.toArray();
  }

  private static Double change(Double a, Double b) {
    if (a == null || b == null || a == 0) {
      return null;
    }
    return (b - a) / a * 100;
  }
}
