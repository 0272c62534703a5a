package io.rpainsights.analytics.engine.perf;

import io.rpainsights.analytics.store.InvalidInputException;
import java.time.Duration;

/**
 * Compares the last {@code current} with the {@code baseline} before it, per step.
 *
 * @param alpha the one-sided Mann-Whitney p-value below which a slowdown is significant
 * @param minChangePct the smallest rise of the median, in percent, that counts
 * @param minDeltaMs the smallest rise of the median, in ms, that counts
 * @param minSamples the fewest runs of a step each window needs before it is judged
 */
public record DegradationQuery(
    String workflowId,
    Duration baseline,
    Duration current,
    double alpha,
    double minChangePct,
    double minDeltaMs,
    int minSamples) {

  public DegradationQuery {
    if (workflowId == null) {
      throw new InvalidInputException("degradation needs a --workflow");
    }
    if (baseline == null) {
      baseline = Duration.ofDays(7);
    }
    if (current == null) {
      current = Duration.ofDays(1);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new InvalidInputException("--alpha must be between 0 and 1");
    }
    // Written so that NaN fails too: a NaN threshold would silently call every slowdown too small.
    if (!(minChangePct >= 0 && minChangePct < Double.POSITIVE_INFINITY)) {
      throw new InvalidInputException("--min-change must be a number of percent, 0 or more");
    }
    if (!(minDeltaMs >= 0 && minDeltaMs < Double.POSITIVE_INFINITY)) {
      throw new InvalidInputException("--min-delta-ms must be a number of milliseconds, 0 or more");
    }
    if (minSamples < 2) {
      throw new InvalidInputException("--min-samples must be at least 2");
    }
  }

  /** The defaults: 7 days against the last day, p &lt; 0.01, +20 % and +1 ms, 5 runs each. */
  public static DegradationQuery of(String workflowId, Duration baseline, Duration current) {
    return new DegradationQuery(workflowId, baseline, current, 0.01, 20, 1.0, 5);
  }
}
