package io.rpainsights.analytics.engine.perf;

import java.time.Instant;

/** One time bucket of a trend: what finished rows that started in it looked like. */
public record TrendPoint(
    Instant bucketStart,
    long count,
    Double successRate,
    Double avgMs,
    Double medianMs,
    Double p95Ms,
    Double p99Ms,
    Double maxMs) {}
