package io.rpainsights.analytics.engine.stat;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * One-sided Mann-Whitney U test: are the {@code current} values stochastically greater than the
 * {@code baseline} ones? Deterministic (no permutations).
 *
 * <p>Commons Math's {@code MannWhitneyUTest} returns only the larger of U₁ and U₂ and a two-sided
 * p-value, and ignores ties in the variance; so U of the current sample is computed here from
 * average ranks (Commons Math's {@link NaturalRanking}), and the p-value by the normal
 * approximation with the tie-corrected variance σ² = n₁n₂/12 · ((N+1) − Σ(t³−t)/(N(N−1))) and no
 * continuity correction. Without ties it equals half of Commons Math's two-sided p-value when the
 * current sample is the larger one, which the tests check.
 */
public final class MannWhitney {
  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

  private MannWhitney() {}

  /**
   * @param u Mann-Whitney U of the current sample: the number of (current, baseline) pairs where
   *     current is larger, ties counting one half
   * @param z the standardised U
   * @param pValue one-sided p-value for "current is greater"
   */
  public record Result(double u, double z, double pValue) {}

  /** Tests whether {@code current} tends to be greater than {@code baseline}; both non-empty. */
  public static Result greater(double[] baseline, double[] current) {
    int n1 = current.length;
    int n2 = baseline.length;
    if (n1 == 0 || n2 == 0) {
      throw new IllegalArgumentException("both samples need values");
    }
    double[] all = new double[n1 + n2];
    System.arraycopy(current, 0, all, 0, n1);
    System.arraycopy(baseline, 0, all, n1, n2);
    double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(all);
    double rankSum = 0;
    for (int i = 0; i < n1; i++) {
      rankSum += ranks[i];
    }
    double u = rankSum - n1 * (n1 + 1.0) / 2.0;
    long n = (long) n1 + n2;
    double tieTerm = tieCorrection(ranks);
    double variance = (double) n1 * n2 / 12.0 * ((n + 1) - tieTerm / ((double) n * (n - 1)));
    if (variance <= 0) {
      // Every value is the same: no evidence either way.
      return new Result(u, 0, 1.0);
    }
    double z = (u - (double) n1 * n2 / 2.0) / Math.sqrt(variance);
    double p = 1.0 - STANDARD_NORMAL.cumulativeProbability(z);
    return new Result(u, z, Math.max(0, Math.min(1, p)));
  }

  /** Σ(t³ − t) over groups of tied values, read off average ranks (equal ranks = one tie group). */
  private static double tieCorrection(double[] ranks) {
    double[] sorted = ranks.clone();
    java.util.Arrays.sort(sorted);
    double sum = 0;
    int i = 0;
    while (i < sorted.length) {
      int j = i;
      while (j + 1 < sorted.length && sorted[j + 1] == sorted[i]) {
        j++;
      }
      long t = j - i + 1L;
      if (t > 1) {
        sum += (double) t * t * t - t;
      }
      i = j + 1;
    }
    return sum;
  }
}
