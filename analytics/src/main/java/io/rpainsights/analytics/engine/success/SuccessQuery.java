package io.rpainsights.analytics.engine.success;

import io.rpainsights.analytics.store.InvalidInputException;
import io.rpainsights.analytics.store.TimeRange;
import java.time.Duration;

/**
 * Which success rates to compute: for one workflow or all, over a window; {@code bucket} is the
 * bucket size of {@link SuccessAnalyzer#overTime}.
 */
public record SuccessQuery(String workflowId, TimeRange range, Duration bucket) {
  public SuccessQuery {
    if (range == null) {
      range = TimeRange.last(Duration.ofDays(7));
    }
    if (bucket == null) {
      bucket = Duration.ofDays(1);
    }
    if (bucket.toMillis() < 1000) {
      throw new InvalidInputException("--bucket must be at least 1s");
    }
  }

  public static SuccessQuery of(String workflowId, TimeRange range) {
    return new SuccessQuery(workflowId, range, null);
  }
}
