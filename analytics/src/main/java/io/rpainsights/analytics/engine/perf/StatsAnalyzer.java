package io.rpainsights.analytics.engine.perf;

import io.rpainsights.analytics.store.Detail;
import io.rpainsights.analytics.store.RowFilter;
import io.rpainsights.analytics.store.RunGroup;
import io.rpainsights.analytics.store.StoreReader;
import io.rpainsights.analytics.store.Window;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    GroupBy by = query.groupBy();
    if (by == GroupBy.HOST) {
      return byHost(filter);
    }
    Map<List<String>, GroupRuns> groups = new HashMap<>();
    if (by.steps()) {
      for (RunGroup g : reader.stepRuns(filter)) {
        String second = by == GroupBy.STEP ? g.nodeId() : g.actionType();
        groups
            .computeIfAbsent(
                Arrays.asList(g.workflowId(), second),
                k -> new GroupRuns(g.workflowId(), by == GroupBy.STEP ? g.nodeId() : null))
            .add(g, g.completed());
      }
    } else {
      for (RunGroup g : reader.executionRuns(filter)) {
        groups
            .computeIfAbsent(
                Arrays.asList(g.workflowId()), k -> new GroupRuns(g.workflowId(), null))
            .add(g, g.succeeded());
      }
    }
    List<GroupRuns> sorted = new ArrayList<>(groups.values());
    Comparator<String> text = Comparator.nullsFirst(Comparator.naturalOrder());
    Comparator<GroupRuns> order = Comparator.comparing(a -> a.workflowId);
    order =
        switch (by) {
          case ACTION -> order.thenComparing(GroupRuns::actionType, text);
          case STEP ->
              order
                  .thenComparingDouble(GroupRuns::meanStepNumber)
                  .thenComparing(a -> a.nodeId, text);
          default -> order;
        };
    sorted.sort(order);
    List<StatsRow> rows = new ArrayList<>(sorted.size());
    for (GroupRuns g : sorted) {
      rows.add(
          StatsRow.of(
              g.workflowId,
              g.nodeId,
              by.steps() ? g.actionType() : null,
              null,
              by,
              g.count,
              g.succeeded,
              g.summary()));
    }
    return rows;
  }

  /** Per workflow and host: hosts are not rolled up, so these are read from the rows. */
  private List<StatsRow> byHost(RowFilter filter) {
    Map<List<String>, Accumulator> groups = new HashMap<>();
    reader.executions(
        filter,
        Detail.IDS,
        row -> {
          // A NULL host (another producer) is a group of its own and stays null in the output.
          String host = row.host();
          groups
              .computeIfAbsent(
                  Arrays.asList(row.workflowId(), host),
                  k -> new Accumulator(row.workflowId(), null, host))
              .add(row.durationMs(), row.succeeded());
        });
    List<Accumulator> sorted = new ArrayList<>(groups.values());
    sorted.sort(order(GroupBy.HOST));
    List<StatsRow> rows = new ArrayList<>(sorted.size());
    for (Accumulator acc : sorted) {
      rows.add(
          StatsRow.of(
              acc.workflowId,
              null,
              null,
              acc.host,
              GroupBy.HOST,
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
