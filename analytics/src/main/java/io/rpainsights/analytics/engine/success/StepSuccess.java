package io.rpainsights.analytics.engine.success;

/**
 * One step's outcomes: {@code successRate} = completed (success or recovered) / runs; {@code
 * firstTimeRate} = succeeded without help / runs; {@code recoveryRate} = recovered / (recovered +
 * failed), null when it never failed.
 */
public record StepSuccess(
    String workflowId,
    String nodeId,
    String actionType,
    long runs,
    long succeeded,
    long recovered,
    long failed,
    double successRate,
    double firstTimeRate,
    Double recoveryRate) {}
