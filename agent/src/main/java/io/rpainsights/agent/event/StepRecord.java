package io.rpainsights.agent.event;

/**
 * One step (node) execution: becomes a {@code steps} row.
 *
 * <p>Most events are immutable; a step record may be one of the event queue's own slot records,
 * refilled for a later step once the consumer has released it (see {@code EventQueue#offerStep}),
 * which is what keeps the application thread from allocating per step. So a sink reads a step
 * record during {@code accept} and keeps what it needs, never the record.
 */
public final class StepRecord extends Event {

  public static final String SUCCESS = "success";
  public static final String FAILED = "failed";
  public static final String RECOVERED = "recovered";

  // Written only by the one producer that claimed the record's queue slot, before the slot's
  // release store publishes it (or by the constructor); read by the consumer after it.
  public String executionId;
  public String workflowId;
  public String nodeId;
  public String actionType;

  /** Counts from 1 inside the execution. */
  public int stepNumber;

  /** Epoch milliseconds UTC. */
  public long startedAt;

  public double durationMs;

  /** {@link #SUCCESS}, {@link #FAILED} or {@link #RECOVERED}. */
  public String status;

  public String errorType;
  public String errorMessage;

  /**
   * True when the step was finalised after its execution had already been completed (work left
   * running on another thread): the store then adds it to the execution's counters itself.
   */
  public boolean afterExecutionFinished;

  /** An empty record for an event queue slot, filled by {@link #set} before each use. */
  public StepRecord() {}

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
    set(
        executionId,
        workflowId,
        nodeId,
        actionType,
        stepNumber,
        startedAt,
        durationMs,
        status,
        errorType,
        errorMessage,
        afterExecutionFinished);
  }

  /** Fills every field (a slot record is refilled whole, so nothing of its last use remains). */
  public void set(
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
