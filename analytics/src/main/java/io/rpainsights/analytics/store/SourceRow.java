package io.rpainsights.analytics.store;

/**
 * One row of a rolled-up table as analytics needs it: its rowid, workflow, group key (see {@link
 * RollupKind}), start, duration (NaN when unknown), step number, error type (non-success steps
 * only) and whether it is an execution still running (counted, never summarised).
 */
record SourceRow(
    long rowid,
    String workflowId,
    String k1,
    String k2,
    String k3,
    long startedAt,
    double durationMs,
    int stepNumber,
    String errorType,
    boolean running) {}
