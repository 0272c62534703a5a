package io.rpainsights.analytics.engine.insight;

import io.rpainsights.analytics.store.InvalidInputException;

/** Insights for one workflow (or all, when null) from the last {@code days} days. */
public record InsightQuery(String workflowId, int days) {
  public InsightQuery {
    if (days < 1 || days > 3650) {
      throw new InvalidInputException("--days must be between 1 and 3650");
    }
  }
}
