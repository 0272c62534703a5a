package io.rpainsights.analytics.engine.perf;

import io.rpainsights.analytics.store.Detail;
import io.rpainsights.analytics.store.RowFilter;
import io.rpainsights.analytics.store.StoreReader;
import io.rpainsights.analytics.store.Window;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Exact count, success rate, mean, median, p95, p99, min, max and sample standard deviation of
 * durations, per workflow, host, step (node) or action type. Every finished row in the window
 * counts, whatever its outcome, unless the query names a status.
 */
public final class StatsAnalyzer {
  private final StoreReader reader;
  private final Clock clock;

  public StatsAnalyzer(StoreReader reader, Clock clock) {
    this.reader = reader;
    this.clock = clock;
  }

  /**
   * The statistics the query asks for, sorted by workflow and then by typical step position, action
   * type or host.
   *
   * @throws io.rpainsights.analytics.store.InvalidInputException for an unknown workflow
   */
  public List<StatsRow> stats(StatsQuery query) {
    if (query.workflowId() != null) {
      reader.requireWorkflow(query.workflowId());
    }
    long now = clock.millis();
    return reader
        .store()
        .cached(
            query,
            query.range().isRelative(),
            now,
            () -> compute(query, query.range().resolve(clock.instant())));
  }

  /** Statistics over an already resolved window (used by other analyzers and reports). */
  public List<StatsRow> compute(StatsQuery query, Window window) {
    RowFilter filter = new RowFilter(query.workflowId(), null, window, query.status());
    Map<String, Accumulator> groups = new HashMap<>();
    GroupBy by = query.groupBy();
    if (by.steps()) {
      reader.steps(
          filter,
          Detail.TIMING,
          row -> {
            String second = by == GroupBy.STEP ? row.nodeId() : row.actionType();
            Accumulator acc =
                groups.computeIfAbsent(
                    row.workflowId() + '\u0000' + second,
                    k ->
                        new Accumulator(
                            row.workflowId(), by == GroupBy.STEP ? row.nodeId() : null, null));
            if (acc.actionType == null) {
              acc.actionType = row.actionType();
            }
            acc.stepNumberSum += row.stepNumber();
            acc.add(row.durationMs(), row.completed());
          });
    } else {
      reader.executions(
          filter,
          by == GroupBy.HOST ? Detail.IDS : Detail.TIMING,
          row -> {
            String host = by == GroupBy.HOST ? Objects.toString(row.host(), "") : null;
            String key = by == GroupBy.HOST ? row.workflowId() + '\u0000' + host : row.workflowId();
            groups
                .computeIfAbsent(
                    key, k -> new Accumulator(row.workflowId(), null, host == null ? null : host))
                .add(row.durationMs(), row.succeeded());
          });
    }
    List<Accumulator> sorted = new ArrayList<>(groups.values());
    sorted.sort(order(by));
    List<StatsRow> rows = new ArrayList<>(sorted.size());
    for (Accumulator acc : sorted) {
      rows.add(
          StatsRow.of(
              acc.workflowId,
              acc.nodeId,
              by == GroupBy.STEP || by == GroupBy.ACTION ? acc.actionType : null,
              acc.host,
              acc.count,
              acc.succeeded,
              acc.summary()));
    }
    return rows;
  }

  private static Comparator<Accumulator> order(GroupBy by) {
    Comparator<Accumulator> byWorkflow = Comparator.comparing(a -> a.workflowId);
    Comparator<String> text = Comparator.nullsFirst(Comparator.naturalOrder());
    return switch (by) {
      case WORKFLOW -> byWorkflow;
      case HOST -> byWorkflow.thenComparing(a -> a.host, text);
      case ACTION -> byWorkflow.thenComparing(a -> a.actionType, text);
      case STEP ->
          byWorkflow
              .thenComparingDouble(Accumulator::meanStepNumber)
              .thenComparing(a -> a.nodeId, text);
    };
  }
}
