package io.rpainsights.bench.workload;

/**
 * The two methods every agent in the comparison traces: {@link #runWorkflow} (one execution, or
 * span) and {@link #executeNode} (one step, or span). A node's work is a fixed number of dependent
 * arithmetic rounds ({@link Spin}), so the step costs the same under every agent.
 */
public final class WorkflowEngine {

  private final int workIterations;

  /** Folds every node's result so that the JIT cannot drop the work. */
  private long checksum;

  public WorkflowEngine(int workIterations) {
    this.workIterations = workIterations;
  }

  public String runWorkflow(Workflow workflow) {
    int failed = 0;
    for (Node node : workflow.getNodes()) {
      if (!executeNode(node).isSuccess()) {
        failed++;
      }
    }
    return failed == 0 ? "success" : "failed";
  }

  public StepResult executeNode(Node node) {
    checksum += Spin.work(node.seed(), workIterations);
    return StepResult.OK;
  }

  public long checksum() {
    return checksum;
  }
}
