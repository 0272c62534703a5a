package io.rpainsights.analytics.testing;

import java.util.Arrays;

/**
 * Statistics computed the textbook way, independently of the engine: R-7 by its defining formula on
 * a freshly sorted copy, the mean by summing, the sample standard deviation in two passes.
 */
public final class Expected {
  private Expected() {}

  public static double r7(double[] values, double p) {
    double[] x = values.clone();
    Arrays.sort(x);
    double h = (x.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, x.length - 1);
    return x[lo] + (h - lo) * (x[hi] - x[lo]);
  }

  public static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  public static double sampleStddev(double[] values) {
    double mean = mean(values);
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    return Math.sqrt(ss / (values.length - 1));
  }
}
