package io.rpainsights.analytics.store;

/**
 * Which rows a query reads: those that started in {@code window}, optionally of one workflow, one
 * node (steps only) and one status. A null status means every finished row (executions that are not
 * {@code running}; every step row, since steps are written when they end).
 */
public record RowFilter(String workflowId, String nodeId, Window window, String status) {

  public static RowFilter of(String workflowId, Window window) {
    return new RowFilter(workflowId, null, window, null);
  }

  public RowFilter withStatus(String newStatus) {
    return new RowFilter(workflowId, nodeId, window, newStatus);
  }

  public RowFilter withNode(String newNodeId) {
    return new RowFilter(workflowId, newNodeId, window, status);
  }
}
