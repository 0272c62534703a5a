package io.rpainsights.analytics.engine.perf;

import io.rpainsights.analytics.engine.stat.DoubleList;
import io.rpainsights.analytics.engine.stat.Summary;

/** Collects one group's rows: how many, how many succeeded, their durations. */
final class Accumulator {
  final String workflowId;
  final String nodeId;
  final String host;
  String actionType;
  long count;
  long succeeded;
  long stepNumberSum;
  final DoubleList durations = new DoubleList();

  Accumulator(String workflowId, String nodeId, String host) {
    this.workflowId = workflowId;
    this.nodeId = nodeId;
    this.host = host;
  }

  void add(double durationMs, boolean success) {
    count++;
    if (success) {
      succeeded++;
    }
    if (Double.isFinite(durationMs)) {
      durations.add(durationMs);
    }
  }

  Summary summary() {
    return Summary.ofSorted(durations.sorted());
  }

  double meanStepNumber() {
    return count == 0 ? 0 : (double) stepNumberSum / count;
  }
}
