package io.rpainsights.analytics.engine.perf;

/**
 * One step's share of a workflow's time.
 *
 * @param rank 1 for the step that takes the most time in all
 * @param share the step's total time over the total time of all the workflow's steps (0..1)
 * @param perExecutionMs the step's total time divided by the workflow's executions in the window
 */
public record Bottleneck(
    int rank,
    String workflowId,
    String nodeId,
    String actionType,
    long count,
    double totalMs,
    double share,
    double avgMs,
    double medianMs,
    double p95Ms,
    double perExecutionMs) {}
