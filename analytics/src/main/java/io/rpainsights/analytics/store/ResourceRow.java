package io.rpainsights.analytics.store;

/** One resource sample; absent measurements are NaN (percentages) or -1 (bytes, counts). */
public record ResourceRow(
    long ts,
    String host,
    double processCpuPct,
    double systemCpuPct,
    long processRssBytes,
    long heapUsedBytes,
    long systemMemUsedBytes,
    double gpuUtilPct,
    long gpuMemUsedBytes,
    long runningExecutions) {}
