package io.rpainsights.analytics.report;

import io.rpainsights.analytics.store.TimeRange;
import java.time.Duration;
import java.util.List;

/**
 * What a report covers: some workflows (all when empty) over a window, with insights from the last
 * {@code insightDays} days and anomalies of the whole window.
 */
public record ReportQuery(List<String> workflows, TimeRange range, int insightDays) {
  public ReportQuery {
    workflows = workflows == null ? List.of() : List.copyOf(workflows);
    if (range == null) {
      range = TimeRange.last(Duration.ofDays(7));
    }
    if (insightDays < 1) {
      insightDays = 30;
    }
  }
}
