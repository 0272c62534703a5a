package io.rpainsights.analytics.engine.perf;

import io.rpainsights.analytics.store.InvalidInputException;
import io.rpainsights.analytics.store.TimeRange;
import java.time.Duration;

/**
 * Executions (or one step, when {@code nodeId} is set) of a workflow in time buckets of {@code
 * bucket}, aligned to multiples of the bucket since the epoch (UTC).
 */
public record TrendQuery(String workflowId, String nodeId, TimeRange range, Duration bucket) {
  /** More buckets than this is a mistake (1m buckets over a year), not a chart. */
  public static final int MAX_BUCKETS = 10_000;

  public TrendQuery {
    if (workflowId == null) {
      throw new InvalidInputException("trend needs a --workflow");
    }
    if (range == null) {
      range = TimeRange.last(Duration.ofDays(7));
    }
    if (bucket == null) {
      bucket = Duration.ofHours(1);
    }
    if (bucket.toMillis() < 1000) {
      throw new InvalidInputException("--bucket must be at least 1s");
    }
  }
}
