package io.rpainsights.analytics.engine.success;

import java.time.Instant;

/** Success over time: one bucket. Rates are null when the bucket has nothing to rate. */
public record SuccessPoint(
    Instant bucketStart,
    long executions,
    Double successRate,
    long stepsSavedBySelfHealing,
    long recoveryAttempts,
    Double recoverySuccessRate) {}
