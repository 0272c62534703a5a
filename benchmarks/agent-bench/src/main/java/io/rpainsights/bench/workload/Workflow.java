package io.rpainsights.bench.workload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A workflow definition: an id and its nodes, run in order by {@link WorkflowEngine}. */
public final class Workflow {

  private static final String[] ACTIONS = {"click", "type", "extract", "navigate", "wait"};

  private final String workflowId;
  private final List<Node> nodes;

  public Workflow(String workflowId, List<Node> nodes) {
    this.workflowId = workflowId;
    this.nodes = Collections.unmodifiableList(new ArrayList<>(nodes));
  }

  /** A workflow of {@code size} nodes named {@code node-001}... with rotating action types. */
  public static Workflow of(String workflowId, int size) {
    List<Node> nodes = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      nodes.add(
          new Node(String.format("node-%03d", i + 1), ACTIONS[i % ACTIONS.length], 0x9E37L * i));
    }
    return new Workflow(workflowId, nodes);
  }

  public String getWorkflowId() {
    return workflowId;
  }

  public List<Node> getNodes() {
    return nodes;
  }

  public int getStepCount() {
    return nodes.size();
  }
}
