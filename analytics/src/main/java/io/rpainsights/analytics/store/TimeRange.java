package io.rpainsights.analytics.store;

import java.time.Duration;
import java.time.Instant;

/**
 * A window as the user wrote it ({@code --since 7d --until 1d}); part of every query record, so
 * queries compare equal while "now" moves and can serve as cache keys.
 */
public record TimeRange(TimeSpec since, TimeSpec until) {

  /** The last {@code length}, ending now. */
  public static TimeRange last(Duration length) {
    return new TimeRange(TimeSpec.ago(length), TimeSpec.now());
  }

  /** A fixed window. */
  public static TimeRange between(Instant since, Instant until) {
    return new TimeRange(TimeSpec.at(since), TimeSpec.at(until));
  }

  /** From {@code since} until now. */
  public static TimeRange since(TimeSpec since) {
    return new TimeRange(since, TimeSpec.now());
  }

  public Window resolve(Instant now) {
    return new Window(since.resolve(now), until.resolve(now));
  }

  /** Whether the window moves with the clock (either end is relative to now). */
  public boolean isRelative() {
    return since instanceof TimeSpec.Ago || until instanceof TimeSpec.Ago;
  }
}
