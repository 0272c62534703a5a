package io.rpainsights.analytics.store;

/**
 * One execution row as read for analysis. {@code durationMs} falls back to {@code completed_at −
 * started_at} when the producer left it empty, and is NaN when neither is known. With {@link
 * Detail#TIMING} the identity and outcome detail fields are null (not selected).
 */
public record ExecutionRow(
    String executionId,
    String workflowId,
    String host,
    long startedAt,
    double durationMs,
    String status,
    Integer stepsTotal,
    Integer stepsFailed,
    Integer stepsRecovered,
    String errorType) {

  public boolean succeeded() {
    return "success".equals(status);
  }
}
