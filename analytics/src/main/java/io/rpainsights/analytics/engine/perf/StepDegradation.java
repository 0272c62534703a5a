package io.rpainsights.analytics.engine.perf;

/**
 * Whether one step got slower (DESIGN.md, {@code degradation}): medians of its completed runs in
 * the baseline and current windows, the change in percent, the one-sided Mann-Whitney p-value (null
 * when either window has too few runs) and the verdict, which needs significance AND a minimum
 * effect.
 */
public record StepDegradation(
    String workflowId,
    String nodeId,
    String actionType,
    long baselineCount,
    long currentCount,
    Double baselineMedianMs,
    Double currentMedianMs,
    Double changePct,
    Double pValue,
    boolean degraded,
    String verdict) {}
