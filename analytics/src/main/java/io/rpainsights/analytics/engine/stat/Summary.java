package io.rpainsights.analytics.engine.stat;

/**
 * Exact descriptive statistics of a sample of durations. Percentiles are R-7 over the sorted
 * values; {@code stddev} is the sample standard deviation (n − 1), null below two values.
 */
public record Summary(
    int count,
    double sum,
    double mean,
    double median,
    double p95,
    double p99,
    double min,
    double max,
    Double stddev) {

  /**
   * Summarises the values (not changed); NaN and infinite values (unknown durations) are ignored.
   *
   * @return null when no value is left
   */
  public static Summary of(double[] values) {
    double[] sorted = finite(values);
    java.util.Arrays.sort(sorted);
    return ofSorted(sorted);
  }

  /** Summarises ascending values the caller has already sorted; null for none. */
  public static Summary ofSorted(double[] sorted) {
    int n = sorted.length;
    if (n == 0) {
      return null;
    }
    // Two passes — the sum, then the squared deviations from the mean — as stable as Welford's
    // update without its division per value (samples here run to hundreds of thousands).
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += sorted[i];
    }
    double mean = sum / n;
    double m2 = 0;
    for (int i = 0; i < n; i++) {
      double d = sorted[i] - mean;
      m2 += d * d;
    }
    Double stddev = n >= 2 ? Math.sqrt(m2 / (n - 1)) : null;
    return new Summary(
        n,
        sum,
        sum / n,
        Percentiles.r7(sorted, 0.5),
        Percentiles.r7(sorted, 0.95),
        Percentiles.r7(sorted, 0.99),
        sorted[0],
        sorted[n - 1],
        stddev);
  }

  private static double[] finite(double[] values) {
    int n = 0;
    double[] copy = new double[values.length];
    for (double v : values) {
      if (Double.isFinite(v)) {
        copy[n++] = v;
      }
    }
    return n == copy.length ? copy : java.util.Arrays.copyOf(copy, n);
  }
}
