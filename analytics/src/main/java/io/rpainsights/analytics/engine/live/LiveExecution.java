package io.rpainsights.analytics.engine.live;

import java.time.Instant;

/**
 * A running execution (DESIGN.md, {@code live}) with its progress and estimated end.
 *
 * @param stepsTotal the producer's {@code steps_total}, else the median step count of recent
 *     successful runs, else null
 * @param progressPct stepsDone / stepsTotal × 100 (at most 100), null without a total
 * @param etaAt the estimated end: now + the medians of the remaining steps' historical durations
 *     (by position), less the time the current step has already run; null without history
 * @param etaLowAt the same with the 25th percentiles: an optimistic end
 * @param etaHighAt the same with the 75th percentiles: a pessimistic end
 * @param basis how the estimate was made, or why there is none
 */
public record LiveExecution(
    String executionId,
    String workflowId,
    String host,
    Instant startedAt,
    long elapsedMs,
    int stepsDone,
    Integer stepsTotal,
    Double progressPct,
    Instant etaAt,
    Instant etaLowAt,
    Instant etaHighAt,
    String basis) {}
