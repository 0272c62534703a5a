package io.rpainsights.analytics.engine.perf;

import io.rpainsights.analytics.engine.stat.Summary;
import io.rpainsights.analytics.store.Detail;
import io.rpainsights.analytics.store.InvalidInputException;
import io.rpainsights.analytics.store.RowFilter;
import io.rpainsights.analytics.store.StoreReader;
import io.rpainsights.analytics.store.Window;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Exact statistics per time bucket. Every bucket of the window is present, empty ones with count 0
 * and null figures, so a chart's x-axis is even.
 */
public final class TrendAnalyzer {
  private final StoreReader reader;
  private final Clock clock;

  public TrendAnalyzer(StoreReader reader, Clock clock) {
    this.reader = reader;
    this.clock = clock;
  }

  public List<TrendPoint> trend(TrendQuery query) {
    if (query.nodeId() == null) {
      reader.requireWorkflow(query.workflowId());
    } else {
      reader.requireNode(query.workflowId(), query.nodeId());
    }
    return reader
        .store()
        .cached(
            query,
            query.range().isRelative(),
            clock.millis(),
            () -> compute(query, query.range().resolve(clock.instant())));
  }

  /** The trend over an already resolved window. */
  public List<TrendPoint> compute(TrendQuery query, Window window) {
    long size = query.bucket().toMillis();
    long first = Math.floorDiv(window.sinceMillis(), size) * size;
    long buckets = Math.floorDiv(window.untilMillis() - 1 - first, size) + 1;
    if (buckets > TrendQuery.MAX_BUCKETS) {
      throw new InvalidInputException(
          "the window holds "
              + buckets
              + " buckets of that size (at most "
              + TrendQuery.MAX_BUCKETS
              + "): choose a larger --bucket or a shorter window");
    }
    Accumulator[] acc = new Accumulator[(int) buckets];
    for (int i = 0; i < acc.length; i++) {
      acc[i] = new Accumulator(query.workflowId(), query.nodeId(), null);
    }
    RowFilter filter = RowFilter.of(query.workflowId(), window);
    if (query.nodeId() != null) {
      reader.steps(
          filter.withNode(query.nodeId()),
          Detail.TIMING,
          row ->
              acc[(int) ((row.startedAt() - first) / size)].add(row.durationMs(), row.completed()));
    } else {
      reader.executions(
          filter,
          Detail.TIMING,
          row ->
              acc[(int) ((row.startedAt() - first) / size)].add(row.durationMs(), row.succeeded()));
    }
    List<TrendPoint> points = new ArrayList<>(acc.length);
    for (int i = 0; i < acc.length; i++) {
      Accumulator a = acc[i];
      Summary s = a.summary();
      Double rate = a.count == 0 ? null : (double) a.succeeded / a.count;
      Instant start = Instant.ofEpochMilli(first + i * size);
      points.add(
          s == null
              ? new TrendPoint(start, a.count, rate, null, null, null, null, null)
              : new TrendPoint(
                  start, a.count, rate, s.mean(), s.median(), s.p95(), s.p99(), s.max()));
    }
    return points;
  }
}
