package io.rpainsights.sample;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** A named sequence of nodes that one execution runs in order. */
public record Workflow(String workflowId, List<Node> nodes) {

  public Workflow {
    Objects.requireNonNull(workflowId, "workflowId");
    nodes = List.copyOf(nodes);
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException(workflowId + ": a workflow needs at least one node");
    }
    Set<String> ids = new HashSet<>();
    for (Node node : nodes) {
      requireUnique(workflowId, ids, node);
      node.branches().forEach(branch -> requireUnique(workflowId, ids, branch));
    }
  }

  private static void requireUnique(String workflowId, Set<String> ids, Node node) {
    if (!ids.add(node.nodeId())) {
      throw new IllegalArgumentException(workflowId + ": node id " + node.nodeId() + " repeats");
    }
  }

  /**
   * How many steps one complete execution of this workflow runs: every node plus every branch of
   * its parallel nodes (a sub-workflow's nodes belong to the child execution). The shipped agent
   * config reads it as {@code totalSteps}, so progress reaches exactly 100%.
   */
  public int stepCount() {
    return nodes.stream().mapToInt(node -> 1 + node.branches().size()).sum();
  }
}
