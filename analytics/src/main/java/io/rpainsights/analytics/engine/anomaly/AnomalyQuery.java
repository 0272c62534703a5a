package io.rpainsights.analytics.engine.anomaly;

import io.rpainsights.analytics.engine.stat.ModifiedZScore;
import io.rpainsights.analytics.store.InvalidInputException;
import io.rpainsights.analytics.store.TimeRange;
import java.time.Duration;

/**
 * Which runs to judge and how strictly.
 *
 * @param workflowId one workflow, or null for all
 * @param range the detection window (default: the last hour)
 * @param sensitivity how easily a run counts as anomalous: the modified z-score threshold is {@code
 *     7 / sensitivity}, so the default 2.0 gives Iglewicz &amp; Hoaglin's 3.5, 4.0 gives 1.75 (more
 *     alarms) and 1.0 gives 7 (only gross outliers)
 * @param scale the scale durations are scored on (default: log)
 * @param baseline the length of the stable period just before the detection window (default 7d)
 * @param escalateAfter an anomaly is escalated once this many runs of one series in a row are
 *     anomalous (default 3)
 * @param correlationWindow anomalies whose starts lie at most this far apart form one incident
 *     (default 5m)
 */
public record AnomalyQuery(
    String workflowId,
    TimeRange range,
    double sensitivity,
    Scale scale,
    Duration baseline,
    int escalateAfter,
    Duration correlationWindow) {

  /** Threshold × sensitivity: 7 makes the default sensitivity 2.0 mean the classic 3.5. */
  public static final double THRESHOLD_TIMES_SENSITIVITY = 2 * ModifiedZScore.DEFAULT_THRESHOLD;

  public AnomalyQuery {
    if (range == null) {
      range = TimeRange.last(Duration.ofHours(1));
    }
    if (!(sensitivity > 0 && sensitivity <= 100)) {
      throw new InvalidInputException(
          "--sensitivity must be greater than 0 and at most 100 (default 2.0)");
    }
    if (scale == null) {
      scale = Scale.LOG;
    }
    if (baseline == null) {
      baseline = Duration.ofDays(7);
    }
    if (escalateAfter < 1) {
      throw new InvalidInputException("--escalate-after must be at least 1");
    }
    if (correlationWindow == null) {
      correlationWindow = Duration.ofMinutes(5);
    }
  }

  /** The defaults over a window. */
  public static AnomalyQuery of(String workflowId, TimeRange range) {
    return new AnomalyQuery(workflowId, range, 2.0, Scale.LOG, null, 3, null);
  }

  public double threshold() {
    return THRESHOLD_TIMES_SENSITIVITY / sensitivity;
  }
}
