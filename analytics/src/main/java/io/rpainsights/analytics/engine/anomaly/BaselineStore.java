package io.rpainsights.analytics.engine.anomaly;

import io.rpainsights.analytics.engine.stat.DoubleList;
import io.rpainsights.analytics.engine.stat.RobustScale;
import io.rpainsights.analytics.store.AnalyticsState;
import io.rpainsights.analytics.store.BaselineRow;
import io.rpainsights.analytics.store.RowFilter;
import io.rpainsights.analytics.store.RunGroup;
import io.rpainsights.analytics.store.StoreReader;
import io.rpainsights.analytics.store.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Baselines per workflow and step, kept in {@code analytics_baselines} and refreshed automatically.
 * A stored baseline is reused while its window has the requested length and ends no later than the
 * requested end and at most {@code refreshAfter} before it — so a baseline never overlaps the
 * window it judges, and rolls forward as time passes; otherwise all of the workflow's baselines are
 * recomputed from its successful rows and replaced in one short transaction. On a store that cannot
 * be written they are computed for each call instead.
 */
public final class BaselineStore {
  /** Fewer successful runs than this in the baseline window: the series is not scored. */
  public static final int MIN_SAMPLES = 10;

  private final StoreReader reader;
  private final AnalyticsState state;
  private final Duration refreshAfter;

  public BaselineStore(StoreReader reader, AnalyticsState state, Duration refreshAfter) {
    this.reader = reader;
    this.state = state;
    this.refreshAfter = refreshAfter;
  }

  /**
   * The baselines of one workflow (key: node id, "" for its executions) for the window of {@code
   * length} ending at {@code end}: from the table when fresh, else recomputed and stored.
   */
  public Map<String, Baseline> baselines(
      String workflowId, Scale scale, Duration length, long end, long nowMillis) {
    Map<String, BaselineRow> stored = state.baselines(workflowId, scale.name());
    if (!stored.isEmpty()) {
      BaselineRow any = stored.values().iterator().next();
      boolean sameLength = any.windowEnd() - any.windowStart() == length.toMillis();
      boolean fresh = any.windowEnd() <= end && end - any.windowEnd() <= refreshAfter.toMillis();
      if (sameLength && fresh) {
        Map<String, Baseline> result = new HashMap<>();
        stored.forEach((node, row) -> result.put(node, fromRow(row, scale)));
        return result;
      }
    }
    Window window =
        new Window(Instant.ofEpochMilli(end - length.toMillis()), Instant.ofEpochMilli(end));
    Map<String, Baseline> computed = compute(workflowId, scale, window, nowMillis);
    List<BaselineRow> rows = new ArrayList<>();
    computed.forEach((node, b) -> rows.add(toRow(node, b)));
    state.replaceBaselines(workflowId, scale.name(), rows);
    return computed;
  }

  /** Computes a workflow's baselines over a window from its successful executions and steps. */
  public Map<String, Baseline> compute(
      String workflowId, Scale scale, Window window, long nowMillis) {
    // Successful runs of a week: from the rollup (a week's rows need not be read again each time
    // a baseline rolls forward). RobustScale sorts, so the order runs come in does not matter.
    Map<String, DoubleList> series = new HashMap<>();
    RowFilter filter = RowFilter.of(workflowId, window).withStatus("success");
    for (RunGroup g : reader.executionRuns(filter)) {
      DoubleList v = series.computeIfAbsent("", k -> new DoubleList());
      for (double d : g.knownDurations()) {
        v.add(scale.apply(d));
      }
    }
    for (RunGroup g : reader.stepRuns(filter)) {
      if (g.nodeId() != null) {
        DoubleList v = series.computeIfAbsent(g.nodeId(), k -> new DoubleList());
        for (double d : g.knownDurations()) {
          v.add(scale.apply(d));
        }
      }
    }
    Map<String, Baseline> result = new HashMap<>();
    for (Map.Entry<String, DoubleList> e : series.entrySet()) {
      if (e.getValue().size() >= MIN_SAMPLES) {
        result.put(
            e.getKey(),
            new Baseline(
                workflowId,
                e.getKey().isEmpty() ? null : e.getKey(),
                scale,
                window.sinceMillis(),
                window.untilMillis(),
                RobustScale.of(e.getValue().toArray()),
                nowMillis));
      }
    }
    return result;
  }

  private static Baseline fromRow(BaselineRow row, Scale scale) {
    return new Baseline(
        row.workflowId(),
        row.nodeId().isEmpty() ? null : row.nodeId(),
        scale,
        row.windowStart(),
        row.windowEnd(),
        new RobustScale(row.n(), row.median(), row.mad(), row.meanAbsDev()),
        row.computedAt());
  }

  private static BaselineRow toRow(String node, Baseline b) {
    return new BaselineRow(
        b.workflowId(),
        node,
        b.scale().name(),
        b.windowStart(),
        b.windowEnd(),
        b.robust().count(),
        b.robust().median(),
        b.robust().mad(),
        b.robust().meanAbsDev(),
        b.computedAt());
  }
}
