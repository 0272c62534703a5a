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
 * recomputed from its successful rows and stored in one short transaction. On a store that cannot
 * be written, or whose write lock is not free at once, they are computed for each call instead.
 *
 * <p>Several sets are kept per workflow and scale, one per baseline window, so that windows used
 * side by side — the dashboard's 1 h / 6 h / 24 h, the live watcher's 1 h beside a user's 24 h —
 * each find their own set instead of replacing the other's on every switch (each replacement a
 * write transaction on the agent's store that also empties the answer cache). A set is useful for a
 * window sliding with now only during {@code refreshAfter} after it was computed, so a save drops
 * the sets computed longer ago than that, and keeps at most {@value #MAX_SETS}.
 */
public final class BaselineStore {
  /** Fewer successful runs than this in the baseline window: the series is not scored. */
  public static final int MIN_SAMPLES = 10;

  /** Sets kept per workflow and scale (windows in use at once, and absolute windows). */
  static final int MAX_SETS = 8;

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
    // Of the stored sets of this length that end within refreshAfter before `end`, the latest.
    Map<Long, Map<String, BaselineRow>> fresh = new HashMap<>();
    long bestEnd = Long.MIN_VALUE;
    for (BaselineRow row : state.baselines(workflowId, scale.name())) {
      boolean sameLength = row.windowEnd() - row.windowStart() == length.toMillis();
      boolean isFresh = row.windowEnd() <= end && end - row.windowEnd() <= refreshAfter.toMillis();
      if (sameLength && isFresh) {
        fresh.computeIfAbsent(row.windowEnd(), k -> new HashMap<>()).put(row.nodeId(), row);
        bestEnd = Math.max(bestEnd, row.windowEnd());
      }
    }
    if (!fresh.isEmpty()) {
      Map<String, Baseline> result = new HashMap<>();
      fresh.get(bestEnd).forEach((node, row) -> result.put(node, fromRow(row, scale)));
      return result;
    }
    Window window =
        new Window(Instant.ofEpochMilli(end - length.toMillis()), Instant.ofEpochMilli(end));
    Map<String, Baseline> computed = compute(workflowId, scale, window, nowMillis);
    if (!computed.isEmpty()) {
      List<BaselineRow> rows = new ArrayList<>();
      computed.forEach((node, b) -> rows.add(toRow(node, b)));
      state.saveBaselines(
          workflowId, scale.name(), rows, nowMillis - refreshAfter.toMillis(), MAX_SETS);
    }
    return computed;
  }

  /**
   * Whether the steps of this node are scored as a series of their own. Not without a node id
   * (anomalies name a node or the whole execution), nor with the empty one: "" is the key of the
   * executions' series, here and in {@code analytics_baselines}, and mixing a node's step durations
   * into it would skew the executions' baseline.
   */
  static boolean hasOwnSeries(String nodeId) {
    return nodeId != null && !nodeId.isEmpty();
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
      if (hasOwnSeries(g.nodeId())) {
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
