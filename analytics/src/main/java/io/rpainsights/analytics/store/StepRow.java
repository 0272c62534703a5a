package io.rpainsights.analytics.store;

/**
 * One step row as read for analysis. With {@link Detail#TIMING} {@code executionId} and {@code
 * errorType} are null (not selected).
 */
public record StepRow(
    String executionId,
    String workflowId,
    String nodeId,
    String actionType,
    int stepNumber,
    long startedAt,
    double durationMs,
    String status,
    String errorType) {

  /** Completed = succeeded at once or recovered by self-healing (DESIGN.md). */
  public boolean completed() {
    return "success".equals(status) || "recovered".equals(status);
  }
}
