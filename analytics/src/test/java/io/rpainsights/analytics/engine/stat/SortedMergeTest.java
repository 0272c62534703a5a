package io.rpainsights.analytics.engine.stat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Merging ascending parts gives exactly what sorting their union gives, below and above radix. */
class SortedMergeTest {

  @Test
  void smallAndLargeUnionsEqualASortedCopy() {
    SplittableRandom r = new SplittableRandom(11);
    for (int total : new int[] {0, 1, 17, 1000, SortedMerge.RADIX_FROM, 100_000}) {
      List<double[]> parts = new ArrayList<>();
      List<Double> all = new ArrayList<>();
      int left = total;
      while (left > 0) {
        int n = Math.min(left, 1 + r.nextInt(700));
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
          // Lognormal durations rounded to µs (many ties), some zeros and negatives (clock skew).
          p[i] =
              i % 97 == 0
                  ? -r.nextInt(5)
                  : i % 89 == 0 ? 0.0 : Math.round(Math.exp(r.nextGaussian() + 6) * 1000) / 1000.0;
          all.add(p[i]);
        }
        Arrays.sort(p);
        parts.add(p);
        left -= n;
      }
      double[] expected = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      assertThat(SortedMerge.merge(parts)).containsExactly(expected);
    }
  }

  @Test
  void radixOrdersSignedZerosInfinitiesAndNaNAsDoubleCompare() {
    double[] v = {
      Double.NaN,
      Double.POSITIVE_INFINITY,
      0.0,
      -0.0,
      -1e-300,
      1e-300,
      Double.MIN_VALUE,
      -Double.MAX_VALUE,
      Double.NEGATIVE_INFINITY,
      42.5,
      -42.5
    };
    double[] expected = v.clone();
    Arrays.sort(expected);
    assertThat(SortedMerge.radix(List.of(v), v.length)).containsExactly(expected);
  }
}
