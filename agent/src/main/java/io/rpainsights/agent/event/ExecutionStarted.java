package io.rpainsights.agent.event;

/** A workflow execution began: becomes an {@code executions} row with status {@code running}. */
public final class ExecutionStarted extends Event {
  public final String executionId;
  public final String workflowId;

  /** The execution this one runs inside, or null for a top-level execution. */
  public final String parentExecutionId;

  /** Epoch milliseconds UTC. */
  public final long startedAt;

  /** From the rule's {@code totalSteps} expression; null when unknown. */
  public final Integer stepsTotal;

  public ExecutionStarted(
      String executionId,
      String workflowId,
      String parentExecutionId,
      long startedAt,
      Integer stepsTotal) {
    this.executionId = executionId;
    this.workflowId = workflowId;
    this.parentExecutionId = parentExecutionId;
    this.startedAt = startedAt;
    this.stepsTotal = stepsTotal;
  }

  @Override
  public Kind kind() {
    return Kind.EXECUTION_STARTED;
  }
}
