package io.rpainsights.analytics.engine.perf;

import io.rpainsights.analytics.store.InvalidInputException;
import io.rpainsights.analytics.store.TimeRange;
import java.time.Duration;
import java.util.Set;

/**
 * What {@code stats} summarises.
 *
 * @param workflowId one workflow, or null for all
 * @param range the window, by {@code started_at}
 * @param groupBy the grouping
 * @param status null for every finished row; else {@code success|failed|timeout} for executions or
 *     {@code success|failed|recovered} for steps
 */
public record StatsQuery(String workflowId, TimeRange range, GroupBy groupBy, String status) {
  private static final Set<String> EXECUTION_STATUSES = Set.of("success", "failed", "timeout");
  private static final Set<String> STEP_STATUSES = Set.of("success", "failed", "recovered");

  public StatsQuery {
    if (range == null) {
      range = TimeRange.last(Duration.ofDays(7));
    }
    if (groupBy == null) {
      groupBy = GroupBy.WORKFLOW;
    }
    if (status != null) {
      Set<String> allowed = groupBy.steps() ? STEP_STATUSES : EXECUTION_STATUSES;
      if (!allowed.contains(status)) {
        throw new InvalidInputException(
            "status '"
                + status
                + "' does not apply to "
                + (groupBy.steps() ? "steps" : "executions")
                + ": expected "
                + (groupBy.steps()
                    ? "success, failed or recovered"
                    : "success, failed or timeout"));
      }
    }
  }

  /** Every finished execution of every workflow in the last seven days, per workflow. */
  public static StatsQuery lastWeek() {
    return new StatsQuery(null, null, GroupBy.WORKFLOW, null);
  }
}
