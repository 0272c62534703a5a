package io.rpainsights.analytics.store;

/**
 * The ascending order of a sample of durations as a permutation, so that the runs' other columns
 * (start, step number, error) can follow their duration. A stable merge sort on primitive indices:
 * equal durations keep their input order, NaN sorts last ({@link Double#compare}), and nothing is
 * boxed.
 */
final class RunSort {
  private static final int INSERTION = 24;

  private RunSort() {}

  /** {@code order[i]} is the index of the i-th smallest value. */
  static int[] order(double[] values) {
    int n = values.length;
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    if (n < 2) {
      return a;
    }
    int[] tmp = new int[n];
    for (int lo = 0; lo < n; lo += INSERTION) {
      insertion(values, a, lo, Math.min(n, lo + INSERTION));
    }
    int[] src = a;
    int[] dst = tmp;
    for (int width = INSERTION; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(n, lo + width);
        int hi = Math.min(n, lo + 2 * width);
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
          if (j >= hi || (i < mid && Double.compare(values[src[i]], values[src[j]]) <= 0)) {
            dst[k] = src[i++];
          } else {
            dst[k] = src[j++];
          }
        }
      }
      int[] t = src;
      src = dst;
      dst = t;
    }
    return src;
  }

  private static void insertion(double[] values, int[] a, int lo, int hi) {
    for (int i = lo + 1; i < hi; i++) {
      int x = a[i];
      double v = values[x];
      int j = i - 1;
      while (j >= lo && Double.compare(values[a[j]], v) > 0) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = x;
    }
  }
}
