package io.rpainsights.analytics.engine.stat;

import java.math.BigDecimal;

/**
 * Percentiles by linear interpolation between closest ranks: Hyndman &amp; Fan's R-7, the default
 * of R, numpy and Excel's PERCENTILE.INC. Commons Math's {@code Percentile()} defaults to another
 * definition (LEGACY), which is why this is computed here.
 */
public final class Percentiles {
  private Percentiles() {}

  /**
   * The {@code p}-quantile of ascending {@code sorted} values, {@code 0 ≤ p ≤ 1}.
   *
   * @throws IllegalArgumentException for no values or p outside [0, 1]
   */
  public static double r7(double[] sorted, double p) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("p must be in [0, 1]: " + p);
    }
    // h = (n-1)p, x[⌊h⌋] + (h-⌊h⌋)(x[⌊h⌋+1]-x[⌊h⌋]) with 0-based x. Computed in decimal
    // from p as written (0.95, not its binary neighbour 0.9499999…), so that p95 of
    // {10,…,90,1000} is exactly 590.5 and figures match a hand computation to the last digit.
    BigDecimal h = BigDecimal.valueOf(p).multiply(BigDecimal.valueOf(sorted.length - 1L));
    int lo = h.intValue();
    if (lo >= sorted.length - 1) {
      return sorted[sorted.length - 1];
    }
    double a = sorted[lo];
    double b = sorted[lo + 1];
    if (a == b) {
      return a;
    }
    BigDecimal fraction = h.subtract(BigDecimal.valueOf(lo));
    return new BigDecimal(a)
        .add(fraction.multiply(new BigDecimal(b).subtract(new BigDecimal(a))))
        .doubleValue();
  }

  /** The median (R-7, which is the usual median: the mean of the middle two for even n). */
  public static double median(double[] sorted) {
    return r7(sorted, 0.5);
  }
}
