package io.rpainsights.analytics.engine.success;

/**
 * A workflow's outcomes in a window. A timed-out execution counts as not successful. {@code
 * stepsSavedBySelfHealing} is how many failed steps self-healing turned into completed ones (step
 * rows {@code recovered}); {@code executionsSavedBySelfHealing} how many successful executions
 * needed at least one such rescue (their {@code steps_recovered} &gt; 0).
 */
public record WorkflowSuccess(
    String workflowId,
    long executions,
    long succeeded,
    long failed,
    long timedOut,
    double successRate,
    long steps,
    long stepsFailed,
    long stepsSavedBySelfHealing,
    Double stepSuccessRate,
    long recoveryAttempts,
    long recoveriesSucceeded,
    Double recoverySuccessRate,
    long executionsSavedBySelfHealing) {}
