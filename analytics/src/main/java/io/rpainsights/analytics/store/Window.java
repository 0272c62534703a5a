package io.rpainsights.analytics.store;

import java.time.Duration;
import java.time.Instant;

/**
 * A resolved, half-open time window {@code [since, until)} in epoch milliseconds. Rows belong to a
 * window by their {@code started_at} (executions, steps, recoveries) or {@code ts} (resources).
 */
public record Window(Instant since, Instant until) {
  public Window {
    if (!since.isBefore(until)) {
      throw new InvalidInputException(
          "empty time window: " + since + " is not before " + until + " (check --since/--until)");
    }
  }

  public long sinceMillis() {
    return since.toEpochMilli();
  }

  public long untilMillis() {
    return until.toEpochMilli();
  }

  public Duration length() {
    return Duration.between(since, until);
  }

  /** The last {@code length} up to {@code until}. */
  public static Window last(Duration length, Instant until) {
    return new Window(until.minus(length), until);
  }
}
