package io.rpainsights.analytics.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A resolved, half-open time window {@code [since, until)} in epoch milliseconds. Rows belong to a
 * window by their {@code started_at} (executions, steps, recoveries) or {@code ts} (resources).
 */
public record Window(Instant since, Instant until) {
  public Window {
    if (!since.isBefore(until)) {
      // Whole milliseconds, as rows hold them: a clock's nanoseconds would only be noise here.
      throw new InvalidInputException(
          "empty time window: "
              + since.truncatedTo(ChronoUnit.MILLIS)
              + " is not before "
              + until.truncatedTo(ChronoUnit.MILLIS)
              + " (check since and until)");
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
