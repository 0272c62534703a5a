package io.rpainsights.analytics.engine.success;

/**
 * One error type: how often steps hit it ({@code stepErrors} = failed + recovered step rows), how
 * often self-healing saved the step, its share of all step errors of the workflow, and how many
 * executions ended with it ({@code executionFailures}, e.g. a timeout).
 */
public record ErrorSuccess(
    String workflowId,
    String errorType,
    long stepErrors,
    long recovered,
    long unrecovered,
    Double recoveryRate,
    double share,
    long executionFailures) {}
