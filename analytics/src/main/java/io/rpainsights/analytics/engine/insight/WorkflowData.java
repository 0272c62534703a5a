package io.rpainsights.analytics.engine.insight;

import io.rpainsights.analytics.engine.stat.DoubleList;
import io.rpainsights.analytics.engine.stat.Summary;
import io.rpainsights.analytics.store.Detail;
import io.rpainsights.analytics.store.RowFilter;
import io.rpainsights.analytics.store.StoreReader;
import io.rpainsights.analytics.store.Window;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One workflow's rows in the insight window, read once and shared by every rule: execution
 * durations and outcomes, each step's runs (time, duration, outcome, error type) and its recovery
 * attempts per strategy.
 */
final class WorkflowData {
  final String workflowId;
  final DoubleList executionDurations = new DoubleList();
  long executions;
  long executionsSucceeded;
  final Map<String, NodeData> nodes = new LinkedHashMap<>();
  final Map<String, StrategyData> strategies = new HashMap<>();
  double totalStepMs;

  private WorkflowData(String workflowId) {
    this.workflowId = workflowId;
  }

  /** A step's runs, in the order read. */
  static final class NodeData {
    final String nodeId;
    String actionType;
    long count;
    long completed;
    long failed;
    long stepNumberSum;
    final DoubleList durations = new DoubleList();
    long[] starts = new long[16];
    boolean[] ok = new boolean[16];
    final Map<String, Long> errors = new HashMap<>();
    private Summary summary;

    NodeData(String nodeId) {
      this.nodeId = nodeId;
    }

    /** The exact summary of all its durations, computed once: several rules need it. */
    Summary summary() {
      if (summary == null) {
        summary = Summary.ofSorted(durations.sorted());
      }
      return summary;
    }

    void add(long start, double duration, boolean completedRun) {
      int i = durations.size();
      if (i == starts.length) {
        starts = Arrays.copyOf(starts, i * 2);
        ok = Arrays.copyOf(ok, i * 2);
      }
      starts[i] = start;
      ok[i] = completedRun;
      durations.add(duration);
    }

    /** Completed durations with start in [from, to). */
    double[] completedBetween(long from, long to) {
      DoubleList out = new DoubleList();
      for (int i = 0; i < durations.size(); i++) {
        if (ok[i] && starts[i] >= from && starts[i] < to) {
          out.add(durations.get(i));
        }
      }
      return out.toArray();
    }

    String topError() {
      return errors.entrySet().stream()
          .max(
              Map.Entry.<String, Long>comparingByValue()
                  .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
          .map(Map.Entry::getKey)
          .orElse(null);
    }
  }

  /** One strategy's attempts in this workflow, and the node it was used on most. */
  static final class StrategyData {
    final String strategy;
    long attempts;
    long succeeded;
    final Map<String, Long> nodes = new HashMap<>();

    StrategyData(String strategy) {
      this.strategy = strategy;
    }

    String mainNode() {
      return nodes.entrySet().stream()
          .max(
              Map.Entry.<String, Long>comparingByValue()
                  .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
          .map(Map.Entry::getKey)
          .orElse(null);
    }
  }

  static WorkflowData read(StoreReader reader, String workflowId, Window window) {
    WorkflowData d = new WorkflowData(workflowId);
    RowFilter filter = RowFilter.of(workflowId, window);
    reader.executions(
        filter,
        Detail.TIMING,
        r -> {
          d.executions++;
          if (r.succeeded()) {
            d.executionsSucceeded++;
          }
          if (!Double.isNaN(r.durationMs())) {
            d.executionDurations.add(r.durationMs());
          }
        });
    reader.steps(
        filter,
        Detail.ERRORS,
        r -> {
          NodeData n = d.nodes.computeIfAbsent(String.valueOf(r.nodeId()), NodeData::new);
          if (n.actionType == null) {
            n.actionType = r.actionType();
          }
          n.count++;
          n.stepNumberSum += r.stepNumber();
          boolean completed = r.completed();
          if (completed) {
            n.completed++;
          }
          if ("failed".equals(r.status())) {
            n.failed++;
          }
          if (r.errorType() != null && !"success".equals(r.status())) {
            n.errors.merge(r.errorType(), 1L, Long::sum);
          }
          n.add(r.startedAt(), r.durationMs(), completed);
          d.totalStepMs += r.durationMs();
        });
    reader.recoveries(
        workflowId,
        window,
        r -> {
          String strategy = r.strategy() == null ? "(unnamed)" : r.strategy();
          StrategyData s = d.strategies.computeIfAbsent(strategy, StrategyData::new);
          s.attempts++;
          if (r.success()) {
            s.succeeded++;
          }
          if (r.nodeId() != null) {
            s.nodes.merge(r.nodeId(), 1L, Long::sum);
          }
        });
    return d;
  }

  /** Nodes in step order. */
  List<NodeData> orderedNodes() {
    return nodes.values().stream()
        .sorted(
            Comparator.comparingDouble((NodeData n) -> (double) n.stepNumberSum / n.count)
                .thenComparing(n -> n.nodeId))
        .toList();
  }
}
