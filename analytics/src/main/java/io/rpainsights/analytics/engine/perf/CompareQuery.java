package io.rpainsights.analytics.engine.perf;

import io.rpainsights.analytics.store.InvalidInputException;
import io.rpainsights.analytics.store.TimeRange;
import java.time.Duration;

/** Two workflows compared over one window. */
public record CompareQuery(String workflowA, String workflowB, TimeRange range) {
  public CompareQuery {
    if (workflowA == null || workflowB == null) {
      throw new InvalidInputException("compare needs two workflows: --workflow A --workflow B");
    }
    if (workflowA.equals(workflowB)) {
      throw new InvalidInputException(
          "compare needs two different workflows, got '" + workflowA + "' twice");
    }
    if (range == null) {
      range = TimeRange.last(Duration.ofDays(7));
    }
  }
}
