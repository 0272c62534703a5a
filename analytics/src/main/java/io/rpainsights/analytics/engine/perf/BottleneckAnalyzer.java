package io.rpainsights.analytics.engine.perf;

import io.rpainsights.analytics.engine.stat.Summary;
import io.rpainsights.analytics.store.Detail;
import io.rpainsights.analytics.store.RowFilter;
import io.rpainsights.analytics.store.StoreReader;
import io.rpainsights.analytics.store.Window;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranks a workflow's steps by the total time they take: where the time goes. A step that is fast
 * but runs many times per execution ranks as high as one slow step, as it should.
 */
public final class BottleneckAnalyzer {
  private final StoreReader reader;
  private final Clock clock;

  public BottleneckAnalyzer(StoreReader reader, Clock clock) {
    this.reader = reader;
    this.clock = clock;
  }

  /** The top steps by total time, largest share first. */
  public List<Bottleneck> bottlenecks(BottleneckQuery query) {
    reader.requireWorkflow(query.workflowId());
    return reader
        .store()
        .cached(
            query,
            query.range().isRelative(),
            clock.millis(),
            () -> compute(query.workflowId(), query.range().resolve(clock.instant()), query.top()));
  }

  /** Every step of the workflow in the window, ranked (used by insights and reports). */
  public List<Bottleneck> compute(String workflowId, Window window, int top) {
    // Keyed by the node id itself: a NULL node id (the null key) is a step of its own, apart from
    // every text, the text 'null' included.
    Map<String, Accumulator> byNode = new LinkedHashMap<>();
    Map<String, ActionTally> actions = new HashMap<>();
    reader.steps(
        RowFilter.of(workflowId, window),
        Detail.TIMING,
        row -> {
          String node = row.nodeId();
          Accumulator acc =
              byNode.computeIfAbsent(node, k -> new Accumulator(workflowId, node, null));
          actions.computeIfAbsent(node, k -> new ActionTally()).add(row.actionType());
          acc.add(row.durationMs(), row.completed());
        });
    actions.forEach((node, tally) -> byNode.get(node).actionType = tally.mostFrequent());
    long[] executions = {0};
    reader.executions(RowFilter.of(workflowId, window), Detail.TIMING, row -> executions[0]++);
    double total = 0;
    List<Object[]> ranked = new ArrayList<>();
    for (Accumulator acc : byNode.values()) {
      Summary s = acc.summary();
      if (s != null) {
        total += s.sum();
        ranked.add(new Object[] {acc, s});
      }
    }
    ranked.sort(
        Comparator.comparingDouble((Object[] o) -> -((Summary) o[1]).sum())
            .thenComparing(
                o -> ((Accumulator) o[0]).nodeId,
                Comparator.nullsFirst(Comparator.<String>naturalOrder())));
    List<Bottleneck> result = new ArrayList<>();
    for (int i = 0; i < ranked.size() && i < top; i++) {
      Accumulator acc = (Accumulator) ranked.get(i)[0];
      Summary s = (Summary) ranked.get(i)[1];
      result.add(
          new Bottleneck(
              i + 1,
              workflowId,
              acc.nodeId,
              acc.actionType,
              acc.count,
              s.sum(),
              total > 0 ? s.sum() / total : 0,
              s.mean(),
              s.median(),
              s.p95(),
              executions[0] > 0 ? s.sum() / executions[0] : s.sum()));
    }
    return result;
  }
}
