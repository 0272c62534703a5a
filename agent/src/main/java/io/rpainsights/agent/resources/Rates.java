package io.rpainsights.agent.resources;

/** Turns cumulative counters into per-interval figures. */
final class Rates {

  private Rates() {}

  /**
   * CPU time used over a wall-clock interval as a share of the capacity of {@code processors}
   * processors, 0–100: one busy core of four is 25. Null when either counter is missing or no wall
   * time passed. A counter that went backwards (two sources whose clocks differ by a tick) reads 0.
   */
  static Double cpuPct(Long earlierCpuNanos, Long laterCpuNanos, long wallNanos, int processors) {
    if (earlierCpuNanos == null || laterCpuNanos == null || wallNanos <= 0 || processors <= 0) {
      return null;
    }
    double capacity = (double) wallNanos * processors;
    return clampPct(100.0 * (laterCpuNanos - earlierCpuNanos) / capacity);
  }

  /**
   * What a cumulative counter grew by; null when either end is missing or it went backwards (a
   * reset or a different source), since a negative amount of I/O is not a figure.
   */
  static Long delta(Long earlier, Long later) {
    if (earlier == null || later == null || later < earlier) {
      return null;
    }
    return later - earlier;
  }

  /** Keeps a percentage within 0–100 (counters sampled a moment apart can overshoot slightly). */
  static double clampPct(double pct) {
    if (Double.isNaN(pct) || pct < 0) {
      return 0;
    }
    return Math.min(100.0, pct);
  }
}
