package io.rpainsights.analytics.engine.stat;

import java.util.List;

/**
 * Merges ascending samples into one ascending sample: exact percentiles of a union without sorting
 * it again. Balanced pairwise merging: log2(k) passes for k samples.
 */
public final class SortedMerge {
  private SortedMerge() {}

  /**
   * One ascending array holding every value of the ascending {@code samples}, which are not
   * changed; a single sample is returned as it is.
   */
  public static double[] merge(List<double[]> samples) {
    if (samples.isEmpty()) {
      return new double[0];
    }
    if (samples.size() == 1) {
      return samples.get(0);
    }
    double[][] level = samples.toArray(new double[0][]);
    int n = level.length;
    while (n > 1) {
      int m = 0;
      for (int i = 0; i < n; i += 2) {
        level[m++] = i + 1 < n ? two(level[i], level[i + 1]) : level[i];
      }
      n = m;
    }
    return level[0];
  }

  private static double[] two(double[] a, double[] b) {
    double[] out = new double[a.length + b.length];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < a.length && j < b.length) {
      out[k++] = Double.compare(a[i], b[j]) <= 0 ? a[i++] : b[j++];
    }
    System.arraycopy(a, i, out, k, a.length - i);
    k += a.length - i;
    System.arraycopy(b, j, out, k, b.length - j);
    return out;
  }
}
