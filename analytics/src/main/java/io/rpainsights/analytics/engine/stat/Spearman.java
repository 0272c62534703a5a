package io.rpainsights.analytics.engine.stat;

import java.util.Arrays;

/**
 * Spearman's rank correlation: Pearson's correlation of the samples' ranks, ties given their
 * average rank (as Commons Math's {@code SpearmansCorrelation} with its default ranking, which the
 * tests check it against). Ranks come from one primitive sort and two binary searches per value, so
 * a few thousand pairs cost no boxing.
 */
public final class Spearman {
  private Spearman() {}

  /**
   * ρ of the pairs {@code (x[i], y[i])}; NaN when either sample is constant.
   *
   * @throws IllegalArgumentException for samples of different or too small sizes, or NaN values
   */
  public static double rho(double[] x, double[] y) {
    if (x.length != y.length || x.length < 2) {
      throw new IllegalArgumentException("need two samples of equal size, at least 2");
    }
    return pearson(ranks(x), ranks(y));
  }

  /** 1-based ranks, ties sharing the average of the ranks they span. */
  static double[] ranks(double[] values) {
    boolean ascending = true;
    for (int i = 1; i < values.length && ascending; i++) {
      ascending = values[i - 1] <= values[i];
    }
    // Already ascending (durations come so): positions are ranks, no search needed.
    double[] sorted = ascending ? values : values.clone();
    if (!ascending) {
      Arrays.sort(sorted);
    }
    int n = sorted.length;
    if (n > 0 && Double.isNaN(sorted[n - 1])) {
      throw new IllegalArgumentException("NaN in a sample");
    }
    // The average rank of each position's tie group: ranks lo+1 … hi share (lo + 1 + hi) / 2.
    double[] average = new double[n];
    for (int lo = 0; lo < n; ) {
      int hi = lo + 1;
      while (hi < n && sorted[hi] == sorted[lo]) {
        hi++;
      }
      average[lo] = (lo + 1 + hi) / 2.0;
      lo = hi;
    }
    double[] r = new double[n];
    double rank = 0;
    for (int i = 0; i < n; i++) {
      if (ascending) {
        // A tie group's first position holds its average; the others follow it.
        rank = i == 0 || sorted[i] != sorted[i - 1] ? average[i] : rank;
        r[i] = rank;
      } else {
        r[i] = average[firstAtLeast(sorted, values[i])];
      }
    }
    return r;
  }

  /** The first index whose value is not below {@code v} (the start of its tie group). */
  private static int firstAtLeast(double[] sorted, double v) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static double pearson(double[] a, double[] b) {
    int n = a.length;
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < n; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= n;
    mb /= n;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      double da = a[i] - ma;
      double db = b[i] - mb;
      sab += da * db;
      saa += da * da;
      sbb += db * db;
    }
    return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
  }
}
