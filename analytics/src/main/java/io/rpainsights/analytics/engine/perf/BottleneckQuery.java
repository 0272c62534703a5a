package io.rpainsights.analytics.engine.perf;

import io.rpainsights.analytics.store.InvalidInputException;
import io.rpainsights.analytics.store.TimeRange;
import java.time.Duration;

/** Which workflow's steps to rank, over which window, and how many to keep. */
public record BottleneckQuery(String workflowId, TimeRange range, int top) {
  public BottleneckQuery {
    if (workflowId == null) {
      throw new InvalidInputException("bottlenecks need a --workflow");
    }
    if (range == null) {
      range = TimeRange.last(Duration.ofDays(7));
    }
    if (top < 1) {
      throw new InvalidInputException("--top must be at least 1");
    }
  }
}
