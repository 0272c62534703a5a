package io.rpainsights.sample;

import java.util.List;
import java.util.Objects;

/**
 * One node of a workflow: an action of some type on a target (a URL, a selector, a screen region,
 * an endpoint). A {@code sub-workflow} node carries the child workflow, a {@code parallel} node its
 * branches; an optional node's failure does not abort its execution.
 */
public record Node(
    String nodeId,
    String actionType,
    String target,
    boolean optional,
    Workflow subWorkflow,
    List<Node> branches) {

  public Node {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(actionType, "actionType");
    Objects.requireNonNull(target, "target");
    branches = List.copyOf(branches);
    if (nodeId.isBlank()) {
      throw new IllegalArgumentException("a node needs a non-blank id");
    }
    if (ActionTypes.SUB_WORKFLOW.equals(actionType) != (subWorkflow != null)) {
      throw new IllegalArgumentException(
          nodeId + ": exactly the sub-workflow nodes carry a child workflow");
    }
    if (ActionTypes.PARALLEL.equals(actionType)) {
      if (branches.size() < 2 || branches.size() > 4) {
        throw new IllegalArgumentException(nodeId + ": a parallel node has 2 to 4 branches");
      }
      if (branches.stream().anyMatch(b -> ActionTypes.PARALLEL.equals(b.actionType()))) {
        throw new IllegalArgumentException(nodeId + ": branches do not fan out again");
      }
    } else if (!branches.isEmpty()) {
      throw new IllegalArgumentException(nodeId + ": only parallel nodes have branches");
    }
  }

  /** A plain action node. */
  public static Node step(String nodeId, String actionType, String target) {
    return new Node(nodeId, actionType, target, false, null, List.of());
  }

  /** A node that runs {@code child} as a nested execution. */
  public static Node subWorkflow(String nodeId, Workflow child) {
    return new Node(nodeId, ActionTypes.SUB_WORKFLOW, child.workflowId(), false, child, List.of());
  }

  /** A node that runs {@code branches} concurrently and succeeds when every required one did. */
  public static Node parallel(String nodeId, List<Node> branches) {
    return new Node(nodeId, ActionTypes.PARALLEL, "", false, null, branches);
  }

  /** This node, but its failure is tolerated by the execution. */
  public Node asOptional() {
    return new Node(nodeId, actionType, target, true, subWorkflow, branches);
  }
}
