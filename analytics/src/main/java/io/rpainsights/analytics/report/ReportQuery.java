package io.rpainsights.analytics.report;

import io.rpainsights.analytics.store.InvalidInputException;
import io.rpainsights.analytics.store.TimeRange;
import java.time.Duration;
import java.util.List;

/**
 * What a report covers: some workflows (all when empty) over a window, with insights from the last
 * {@code insightDays} days. Degradation compares the last {@code current} of the window with the
 * rest of it ({@code current} null: an eighth of the window, between 1 minute and 1 day). Anomalies
 * are those of {@code anomalies} (null: the whole window), scored against a baseline of {@code
 * anomalyBaseline} before it (null: the detector's default, 7 days).
 */
public record ReportQuery(
    List<String> workflows,
    TimeRange range,
    int insightDays,
    Duration current,
    TimeRange anomalies,
    Duration anomalyBaseline) {
  public ReportQuery {
    workflows = workflows == null ? List.of() : List.copyOf(workflows);
    if (range == null) {
      range = TimeRange.last(Duration.ofDays(7));
    }
    if (insightDays < 1 || insightDays > 3650) {
      throw new InvalidInputException("--days must be between 1 and 3650");
    }
    if (current != null && (current.isNegative() || current.isZero())) {
      throw new InvalidInputException("--current must be longer than 0");
    }
  }

  /** A report with the default degradation split and anomalies of the whole window. */
  public ReportQuery(List<String> workflows, TimeRange range, int insightDays) {
    this(workflows, range, insightDays, null, null, null);
  }
}
