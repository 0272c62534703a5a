package io.rpainsights.analytics.engine.insight;

import io.rpainsights.analytics.engine.perf.ActionTally;
import io.rpainsights.analytics.engine.stat.SortedMerge;
import io.rpainsights.analytics.engine.stat.Summary;
import io.rpainsights.analytics.store.RecoveryCount;
import io.rpainsights.analytics.store.RowFilter;
import io.rpainsights.analytics.store.RunGroup;
import io.rpainsights.analytics.store.StoreReader;
import io.rpainsights.analytics.store.Window;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One workflow's runs in the insight window, read once and shared by every rule: execution
 * durations and outcomes, each step's run groups (durations ascending with their starts, outcome,
 * error types) and its recovery attempts per strategy. Every figure is computed from ascending
 * values in the same order whether the store answered from its rollup or from the rows, so both
 * give the same insights to the last digit.
 */
final class WorkflowData {
  final String workflowId;

  /** Known execution durations, ascending. */
  double[] executionDurations = new double[0];

  long executions;
  long executionsSucceeded;

  /** By node id; a NULL node id is the null key, a step apart from every text. */
  final Map<String, NodeData> nodes = new LinkedHashMap<>();

  /**
   * By strategy; a NULL strategy is the null key, apart from every text (a producer's strategy
   * named "(unnamed)" included).
   */
  final Map<String, StrategyData> strategies = new HashMap<>();

  double totalStepMs;

  private WorkflowData(String workflowId) {
    this.workflowId = workflowId;
  }

  /** A step's runs, as the store's groups (one per action type and status). */
  static final class NodeData {
    /** Null for the step whose rows have a NULL node id. */
    final String nodeId;

    String actionType;
    private final ActionTally actions = new ActionTally();
    long count;
    long completed;
    long failed;
    long stepNumberSum;
    final List<RunGroup> groups = new ArrayList<>();
    final Map<String, Long> errors = new HashMap<>();
    private double[] sorted;
    private Summary summary;

    NodeData(String nodeId) {
      this.nodeId = nodeId;
    }

    void add(RunGroup g) {
      groups.add(g);
      count += g.count();
      if (g.completed()) {
        completed += g.count();
      }
      if ("failed".equals(g.status())) {
        failed += g.count();
      }
      stepNumberSum += g.stepNumberSum();
      g.errorTypes().forEach((k, v) -> errors.merge(k, v, Long::sum));
      // The most frequent action type (ties: the smaller name), as the other commands name it.
      actions.add(g.actionType(), g.count());
      actionType = actions.mostFrequent();
    }

    /** Every duration, ascending. */
    double[] sorted() {
      if (sorted == null) {
        List<double[]> parts = new ArrayList<>();
        for (RunGroup g : groups) {
          parts.addAll(g.knownDurationParts());
        }
        sorted = SortedMerge.merge(parts);
      }
      return sorted;
    }

    /** The exact summary of all its durations, computed once: several rules need it. */
    Summary summary() {
      if (summary == null) {
        summary = Summary.ofSorted(sorted());
      }
      return summary;
    }

    /** Completed durations with start in [from, to), ascending. */
    double[] completedBetween(long from, long to) {
      List<double[]> parts = new ArrayList<>();
      for (RunGroup g : groups) {
        if (g.completed()) {
          parts.addAll(g.startedBetween(from, to).knownDurationParts());
        }
      }
      return SortedMerge.merge(parts);
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
    /** Null for the attempts whose strategy is NULL. */
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
    List<double[]> executionDurations = new ArrayList<>();
    for (RunGroup g : reader.executionRuns(filter)) {
      d.executions += g.count();
      if (g.succeeded()) {
        d.executionsSucceeded += g.count();
      }
      executionDurations.addAll(g.knownDurationParts());
    }
    d.executionDurations = SortedMerge.merge(executionDurations);
    for (RunGroup g : reader.stepRuns(filter)) {
      d.nodes.computeIfAbsent(g.nodeId(), NodeData::new).add(g);
    }
    for (RecoveryCount r : reader.recoveryCounts(workflowId, window)) {
      StrategyData s = d.strategies.computeIfAbsent(r.strategy(), StrategyData::new);
      s.attempts += r.count();
      if (r.success()) {
        s.succeeded += r.count();
      }
      if (r.nodeId() != null) {
        s.nodes.merge(r.nodeId(), r.count(), Long::sum);
      }
    }
    for (NodeData n : d.orderedNodes()) {
      Summary s = n.summary();
      d.totalStepMs += s == null ? 0 : s.sum();
    }
    return d;
  }

  /** Nodes in step order. */
  List<NodeData> orderedNodes() {
    return nodes.values().stream()
        .sorted(
            Comparator.comparingDouble((NodeData n) -> (double) n.stepNumberSum / n.count)
                .thenComparing(n -> n.nodeId, Comparator.nullsFirst(Comparator.naturalOrder())))
        .toList();
  }
}
