package io.rpainsights.analytics.store;

/** One self-healing attempt. */
public record RecoveryRow(
    String executionId,
    String workflowId,
    String nodeId,
    String strategy,
    boolean success,
    long startedAt,
    double durationMs) {}
