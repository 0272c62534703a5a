package io.rpainsights.agent.event;

/** One step (node) execution: becomes a {@code steps} row. */
public final class StepRecord extends Event {

  public static final String SUCCESS = "success";
  public static final String FAILED = "failed";
  public static final String RECOVERED = "recovered";

  public final String executionId;
  public final String workflowId;
  public final String nodeId;
  public final String actionType;

  /** Counts from 1 inside the execution. */
  public final int stepNumber;

  /** Epoch milliseconds UTC. */
  public final long startedAt;

  public final double durationMs;

  /** {@link #SUCCESS}, {@link #FAILED} or {@link #RECOVERED}. */
  public final String status;

  public final String errorType;
  public final String errorMessage;

  /**
   * True when the step was finalised after its execution had already been completed (work left
   * running on another thread): the store then adds it to the execution's counters itself.
   */
  public final boolean afterExecutionFinished;

  public StepRecord(
      String executionId,
      String workflowId,
      String nodeId,
      String actionType,
      int stepNumber,
      long startedAt,
      double durationMs,
      String status,
      String errorType,
      String errorMessage,
      boolean afterExecutionFinished) {
    this.executionId = executionId;
    this.workflowId = workflowId;
    this.nodeId = nodeId;
    this.actionType = actionType;
    this.stepNumber = stepNumber;
    this.startedAt = startedAt;
    this.durationMs = durationMs;
    this.status = status;
    this.errorType = errorType;
    this.errorMessage = errorMessage;
    this.afterExecutionFinished = afterExecutionFinished;
  }

  @Override
  public Kind kind() {
    return Kind.STEP;
  }
}
