package io.rpainsights.analytics.store;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * When saves of analytics' own state that ride along with an answer (baselines, rollup days) are
 * tried, and what is said about the ones skipped. A save that could not take the store's write lock
 * in time pauses the next ones for a while, so that a request over twenty workflows waits for the
 * lock once rather than twenty times, and the answers of a busy minute do not each pay the wait.
 * Skips are reported once per incident (the first skip after a save that worked, or since the
 * start), and the end of an incident once, by the first save that works again.
 *
 * <p>Thread-safe: every method is synchronized; none blocks.
 */
final class StateSaves {
  private final long pauseNanos;
  private final LongSupplier nanoTime;
  private volatile Consumer<String> notices;
  private long pausedUntil; // guarded by this
  private boolean pausing; // guarded by this: whether pausedUntil is set
  private long skipped; // guarded by this: skips in the current incident; 0 when there is none

  StateSaves(Duration pause, LongSupplier nanoTime, Consumer<String> notices) {
    this.pauseNanos = pause.toNanos();
    this.nanoTime = nanoTime;
    this.notices = notices;
  }

  void noticesTo(Consumer<String> notices) {
    this.notices = notices;
  }

  /** Whether a save may be tried now (false during the pause after a skip; counted as a skip). */
  synchronized boolean mayTry() {
    if (pausing && nanoTime.getAsLong() - pausedUntil < 0) {
      skipped++;
      return false;
    }
    pausing = false;
    return true;
  }

  /** A save could not be made now; {@code why} ends "… so analytics' own state was not saved". */
  synchronized void skipped(String why) {
    pausedUntil = nanoTime.getAsLong() + pauseNanos;
    pausing = true;
    if (skipped++ == 0) {
      notices.accept(
          why
              + ": analytics' own state (baselines, rollup) is not saved for now; answers are"
              + " computed without it, the same, and a later one saves it");
    }
  }

  /** A save worked: ends the incident, if any. */
  synchronized void saved() {
    if (skipped > 0) {
      notices.accept("analytics' own state is saved again (" + skipped + " saves were skipped)");
      skipped = 0;
    }
  }

  /** Skips in the current incident (tests). */
  synchronized long skippedSoFar() {
    return skipped;
  }
}
