package io.rpainsights.analytics.engine.perf;

/**
 * Two workflows side by side. Changes read "B relative to A"; {@code pValue} is the two-sided
 * Mann-Whitney p-value of their durations (null when either has none).
 */
public record Comparison(
    String workflowA,
    String workflowB,
    StatsRow a,
    StatsRow b,
    Double medianChangePct,
    Double p95ChangePct,
    Double successRateChange,
    Double pValue,
    String summary) {}
