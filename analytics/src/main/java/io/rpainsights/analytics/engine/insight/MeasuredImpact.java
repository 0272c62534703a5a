package io.rpainsights.analytics.engine.insight;

import java.time.Instant;

/**
 * What changed after an insight was marked implemented: the insight's metric before (measured over
 * the insight's window when it was marked) and after (over the runs since).
 *
 * @param changePct (after − before) / before × 100; null without enough runs since
 * @param verdict {@code improved}, {@code unchanged}, {@code worse} (a 5 % band counts as
 *     unchanged) or {@code too early} (fewer than 5 runs since)
 */
public record MeasuredImpact(
    Instant implementedAt,
    String note,
    String metric,
    double before,
    Double after,
    Double changePct,
    long runsSince,
    String verdict) {}
