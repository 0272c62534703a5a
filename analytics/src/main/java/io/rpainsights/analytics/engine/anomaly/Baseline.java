package io.rpainsights.analytics.engine.anomaly;

import io.rpainsights.analytics.engine.stat.RobustScale;

/**
 * The stable behaviour of one series — a workflow's execution durations ({@code nodeId} null) or
 * one step's — over a baseline window: median, MAD and mean absolute deviation of its successful
 * durations on the given scale.
 */
public record Baseline(
    String workflowId,
    String nodeId,
    Scale scale,
    long windowStart,
    long windowEnd,
    RobustScale robust,
    long computedAt) {}
