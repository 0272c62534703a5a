package io.rpainsights.bench.analytics;

import java.util.List;

/** Medians and ranges of timings. */
final class Stats {
  private Stats() {}

  /** The median (mean of the middle two for an even count); NaN for none. */
  static double median(List<Double> values) {
    double[] v = sorted(values);
    if (v.length == 0) {
      return Double.NaN;
    }
    int m = v.length / 2;
    return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
  }

  static double min(List<Double> values) {
    double[] v = sorted(values);
    return v.length == 0 ? Double.NaN : v[0];
  }

  static double max(List<Double> values) {
    double[] v = sorted(values);
    return v.length == 0 ? Double.NaN : v[v.length - 1];
  }

  private static double[] sorted(List<Double> values) {
    return values.stream()
        .mapToDouble(Double::doubleValue)
        .filter(d -> !Double.isNaN(d))
        .sorted()
        .toArray();
  }
}
