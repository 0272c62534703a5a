package io.rpainsights.bench.workload;

/**
 * A copy of {@link WorkflowEngine} that no agent config names: the un-instrumented twin the JMH
 * benchmark runs beside the instrumented one, in the same JVM.
 */
public final class UntracedEngine {

  private final int workIterations;

  /** Folds every node's result so that the JIT cannot drop the work. */
  private long checksum;

  public UntracedEngine(int workIterations) {
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
