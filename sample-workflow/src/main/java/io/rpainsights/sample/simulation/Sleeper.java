package io.rpainsights.sample.simulation;

import java.util.concurrent.locks.LockSupport;

/**
 * Spends simulated work time. The engine really waits (that is what the agent measures); tests that
 * only count outcomes use {@link #none()} so they stay fast.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Blocks the calling thread for about {@code millis} milliseconds (sub-millisecond precision).
   */
  void sleep(double millis);

  /** Parks until the deadline; an interrupt ends the run with {@link RunInterruptedException}. */
  static Sleeper real() {
    return millis -> {
      // parkNanos may return early (spuriously or on unpark), so park again until the deadline.
      long deadline = System.nanoTime() + (long) (millis * 1_000_000.0);
      for (long left = deadline - System.nanoTime();
          left > 0;
          left = deadline - System.nanoTime()) {
        LockSupport.parkNanos(left);
        if (Thread.interrupted()) {
          Thread.currentThread().interrupt();
          throw new RunInterruptedException();
        }
      }
    };
  }

  /** Does not wait at all: the same choices and counts, without the wall-clock time. */
  static Sleeper none() {
    return millis -> {};
  }
}
