package io.rpainsights.analytics.generate;

import java.util.List;

/** A synthetic workflow: its steps in order and its share of the executions. */
record WorkflowModel(String workflowId, List<NodeModel> nodes, double weight) {

  /**
   * A synthetic step.
   *
   * @param medianMs median latency; latencies are lognormal around it
   * @param sigma the standard deviation of log-latency
   * @param failureRate chance that one run of it fails
   * @param strategies the self-healing strategies tried when it fails, in turn
   * @param cpuBound whether its latency grows with the host's CPU load
   */
  record NodeModel(
      String nodeId,
      String actionType,
      double medianMs,
      double sigma,
      double failureRate,
      String errorType,
      List<String> strategies,
      boolean cpuBound) {}
}
