package io.rpainsights.agent.event;

/** One self-healing attempt: becomes a {@code recoveries} row. */
public final class RecoveryRecord extends Event {
  public final String executionId;
  public final String workflowId;
  public final String nodeId;
  public final String strategy;
  public final boolean success;

  /** Epoch milliseconds UTC. */
  public final long startedAt;

  public final double durationMs;
  public final String errorMessage;

  public RecoveryRecord(
      String executionId,
      String workflowId,
      String nodeId,
      String strategy,
      boolean success,
      long startedAt,
      double durationMs,
      String errorMessage) {
    this.executionId = executionId;
    this.workflowId = workflowId;
    this.nodeId = nodeId;
    this.strategy = strategy;
    this.success = success;
    this.startedAt = startedAt;
    this.durationMs = durationMs;
    this.errorMessage = errorMessage;
  }

  @Override
  public Kind kind() {
    return Kind.RECOVERY;
  }
}
