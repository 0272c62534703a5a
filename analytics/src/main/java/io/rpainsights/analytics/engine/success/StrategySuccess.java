package io.rpainsights.analytics.engine.success;

/** One self-healing strategy: attempts, how many worked, and how long an attempt takes. */
public record StrategySuccess(
    String strategy,
    long attempts,
    long succeeded,
    double successRate,
    double avgMs,
    double medianMs,
    long workflows) {}
