package io.rpainsights.analytics.engine.stat;

/**
 * Location and spread of a sample for robust outlier scores: the median, the median absolute
 * deviation (MAD) and the mean absolute deviation around the median (the fallback when MAD is 0).
 */
public record RobustScale(int count, double median, double mad, double meanAbsDev) {

  /** Computes the scale of the values (not changed); null when there are none. */
  public static RobustScale of(double[] values) {
    if (values.length == 0) {
      return null;
    }
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    double median = Percentiles.median(sorted);
    double[] deviations = new double[sorted.length];
    double sumAbs = 0;
    for (int i = 0; i < sorted.length; i++) {
      deviations[i] = Math.abs(sorted[i] - median);
      sumAbs += deviations[i];
    }
    java.util.Arrays.sort(deviations);
    return new RobustScale(
        sorted.length, median, Percentiles.median(deviations), sumAbs / sorted.length);
  }
}
