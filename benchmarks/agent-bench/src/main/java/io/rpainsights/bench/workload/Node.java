package io.rpainsights.bench.workload;

/** One node of a workflow: what a step rule's expressions read ({@code arg0.nodeId} ...). */
public final class Node {

  private final String nodeId;
  private final String actionType;
  private final long seed;

  public Node(String nodeId, String actionType, long seed) {
    this.nodeId = nodeId;
    this.actionType = actionType;
    this.seed = seed;
  }

  public String getNodeId() {
    return nodeId;
  }

  public String getActionType() {
    return actionType;
  }

  long seed() {
    return seed;
  }
}
