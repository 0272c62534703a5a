package io.rpainsights.analytics.engine.perf;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rpainsights.analytics.engine.stat.Summary;

/**
 * Statistics of one group of finished executions or steps (DESIGN.md, {@code stats}). Durations in
 * ms; {@code successRate} in 0..1 (steps: completed = success or recovered); duration figures are
 * null when no row of the group carries a duration, {@code stddevMs} also below two rows.
 */
public record StatsRow(
    String workflowId,
    @JsonInclude(JsonInclude.Include.NON_NULL) String nodeId,
    @JsonInclude(JsonInclude.Include.NON_NULL) String actionType,
    @JsonInclude(JsonInclude.Include.NON_NULL) String host,
    long count,
    double successRate,
    Double avgMs,
    Double medianMs,
    Double p95Ms,
    Double p99Ms,
    Double minMs,
    Double maxMs,
    Double stddevMs) {

  static StatsRow of(
      String workflowId,
      String nodeId,
      String actionType,
      String host,
      long count,
      long succeeded,
      Summary s) {
    double rate = count == 0 ? 0 : (double) succeeded / count;
    if (s == null) {
      return new StatsRow(
          workflowId,
          nodeId,
          actionType,
          host,
          count,
          rate,
          null,
          null,
          null,
          null,
          null,
          null,
          null);
    }
    return new StatsRow(
        workflowId,
        nodeId,
        actionType,
        host,
        count,
        rate,
        s.mean(),
        s.median(),
        s.p95(),
        s.p99(),
        s.min(),
        s.max(),
        s.stddev());
  }
}
