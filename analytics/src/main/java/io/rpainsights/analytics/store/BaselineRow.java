package io.rpainsights.analytics.store;

/** One row of {@code analytics_baselines}; {@code nodeId} is "" for a workflow's executions. */
public record BaselineRow(
    String workflowId,
    String nodeId,
    String scale,
    long windowStart,
    long windowEnd,
    int n,
    double median,
    double mad,
    double meanAbsDev,
    long computedAt) {}
