package io.rpainsights.agent.event;

/** A workflow execution ended: completes its {@code executions} row. */
public final class ExecutionFinished extends Event {

  public static final String SUCCESS = "success";
  public static final String FAILED = "failed";
  public static final String TIMEOUT = "timeout";

  public final String executionId;
  public final String workflowId;

  /** Epoch milliseconds UTC. */
  public final long completedAt;

  public final double durationMs;

  /** {@link #SUCCESS}, {@link #FAILED} or {@link #TIMEOUT}. */
  public final String status;

  /** Steps that ended successful or recovered (DESIGN: completed = success + recovered). */
  public final int stepsCompleted;

  public final int stepsFailed;
  public final int stepsRecovered;

  /** From {@code totalSteps} when the execution ended (it may have changed); null when unknown. */
  public final Integer stepsTotal;

  public final String errorType;
  public final String errorMessage;

  public ExecutionFinished(
      String executionId,
      String workflowId,
      long completedAt,
      double durationMs,
      String status,
      int stepsCompleted,
      int stepsFailed,
      int stepsRecovered,
      Integer stepsTotal,
      String errorType,
      String errorMessage) {
    this.executionId = executionId;
    this.workflowId = workflowId;
    this.completedAt = completedAt;
    this.durationMs = durationMs;
    this.status = status;
    this.stepsCompleted = stepsCompleted;
    this.stepsFailed = stepsFailed;
    this.stepsRecovered = stepsRecovered;
    this.stepsTotal = stepsTotal;
    this.errorType = errorType;
    this.errorMessage = errorMessage;
  }

  @Override
  public Kind kind() {
    return Kind.EXECUTION_FINISHED;
  }
}
