package io.rpainsights.analytics.store;

import java.util.Map;

/**
 * The runs of one group that started in a window — a workflow's executions with one status, or its
 * steps of one node, action type and status — with durations ascending (NaN last: executions that
 * never reported a duration) and each run's start in the parallel array. Read from analytics'
 * rollup or straight from the rows ({@link StoreReader#executionRuns}, {@link
 * StoreReader#stepRuns}); both give the same values. The arrays are shared: read them, never write
 * them.
 *
 * @param nodeId the node (steps), null for executions
 * @param actionType the action type (steps), null for executions
 * @param status the status text as stored
 * @param stepNumberSum the sum of the runs' step numbers (steps; 0 for executions)
 * @param errorTypes how many runs ended with each error type; only for statuses other than {@code
 *     success}, empty otherwise
 */
public record RunGroup(
    String workflowId,
    String nodeId,
    String actionType,
    String status,
    double[] durations,
    long[] startedAt,
    long stepNumberSum,
    Map<String, Long> errorTypes) {

  public int count() {
    return durations.length;
  }

  /** Durations that are known (not NaN), ascending: a prefix of {@link #durations}. */
  public double[] knownDurations() {
    int n = durations.length;
    while (n > 0 && Double.isNaN(durations[n - 1])) {
      n--;
    }
    return n == durations.length ? durations : java.util.Arrays.copyOf(durations, n);
  }

  /** The earliest start of its runs; {@link Long#MAX_VALUE} for none. */
  public long earliestStart() {
    long min = Long.MAX_VALUE;
    for (long s : startedAt) {
      min = Math.min(min, s);
    }
    return min;
  }

  /** An execution that succeeded. */
  public boolean succeeded() {
    return "success".equals(status);
  }

  /** A step that completed: succeeded at once or recovered by self-healing (DESIGN.md). */
  public boolean completed() {
    return "success".equals(status) || "recovered".equals(status);
  }
}
