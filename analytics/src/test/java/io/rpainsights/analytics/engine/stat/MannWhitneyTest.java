package io.rpainsights.analytics.engine.stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;
import org.junit.jupiter.api.Test;

class MannWhitneyTest {

  @Test
  void handComputedSmallExampleWithTies() {
    // baseline {1,2,3,4}, current {3,5,6}: pairs where current > baseline: 3 beats 1,2 and ties
    // 3 (½) → 2.5; 5 and 6 beat all four → 8; U = 10.5.
    // Ranks of all 7: 1,2,3.5,5(4),3.5(current 3),6,7; tie group of 2 → Σ(t³−t) = 6.
    // σ² = 3·4/12 · ((7+1) − 6/(7·6)) = 1 · (8 − 1/7) = 7.857142…
    // z = (10.5 − 6)/√7.857142 = 1.60540…; p = 1 − Φ(z).
    MannWhitney.Result r = MannWhitney.greater(new double[] {1, 2, 3, 4}, new double[] {3, 5, 6});
    double sigma = Math.sqrt(8 - 1.0 / 7);
    double z = 4.5 / sigma;
    assertThat(r.u()).isEqualTo(10.5);
    assertThat(r.z()).isCloseTo(z, within(1e-12));
    assertThat(r.pValue())
        .isCloseTo(1 - new NormalDistribution().cumulativeProbability(z), within(1e-12));
  }

  @Test
  void withoutTiesEqualsHalfOfCommonsMathTwoSidedPValue() {
    SplittableRandom random = new SplittableRandom(3);
    double[] baseline = new double[200];
    double[] current = new double[80];
    for (int i = 0; i < baseline.length; i++) {
      baseline[i] = 100 * Math.exp(0.3 * random.nextGaussian());
    }
    for (int i = 0; i < current.length; i++) {
      current[i] = 115 * Math.exp(0.3 * random.nextGaussian());
    }
    MannWhitney.Result r = MannWhitney.greater(baseline, current);
    MannWhitneyUTest commons = new MannWhitneyUTest();
    double twoSided = commons.mannWhitneyUTest(current, baseline);
    assertThat(r.u()).isEqualTo(commons.mannWhitneyU(current, baseline)); // current is larger
    assertThat(r.pValue()).isCloseTo(twoSided / 2, within(1e-12));
  }

  @Test
  void aSlowerCurrentSampleIsSignificantAndAFasterOneIsNot() {
    double[] baseline = new double[50];
    double[] slower = new double[50];
    for (int i = 0; i < 50; i++) {
      baseline[i] = 100 + i;
      slower[i] = 300 + i;
    }
    assertThat(MannWhitney.greater(baseline, slower).pValue()).isLessThan(1e-10);
    assertThat(MannWhitney.greater(slower, baseline).pValue()).isGreaterThan(0.999);
  }

  @Property(tries = 300)
  void equalsAverageRankComputationWithManyTies(
      @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 9) Integer> b,
      @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 9) Integer> c) {
    double[] baseline = b.stream().mapToDouble(Integer::doubleValue).toArray();
    double[] current = c.stream().mapToDouble(Integer::doubleValue).toArray();
    // Reference: rank the pooled sample with Commons Math (average ranks for ties).
    double[] all = new double[current.length + baseline.length];
    System.arraycopy(current, 0, all, 0, current.length);
    System.arraycopy(baseline, 0, all, current.length, baseline.length);
    double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(all);
    double r1 = 0;
    for (int i = 0; i < current.length; i++) {
      r1 += ranks[i];
    }
    double u = r1 - current.length * (current.length + 1) / 2.0;
    java.util.Map<Double, Integer> groups = new java.util.HashMap<>();
    for (double v : all) {
      groups.merge(v, 1, Integer::sum);
    }
    double ties = 0;
    for (int t : groups.values()) {
      ties += (double) t * t * t - t;
    }
    long n = all.length;
    double variance =
        (double) current.length * baseline.length / 12 * ((n + 1) - ties / ((double) n * (n - 1)));
    MannWhitney.Result r = MannWhitney.greater(baseline, current);
    assertThat(r.u()).isCloseTo(u, within(1e-9));
    if (variance > 0) {
      double z = (u - current.length * baseline.length / 2.0) / Math.sqrt(variance);
      assertThat(r.pValue())
          .isCloseTo(1 - new NormalDistribution().cumulativeProbability(z), within(1e-9));
    } else {
      assertThat(r.pValue()).isEqualTo(1.0);
    }
  }

  @Test
  void identicalConstantSamplesGiveNoEvidence() {
    MannWhitney.Result r = MannWhitney.greater(new double[] {5, 5, 5}, new double[] {5, 5});
    assertThat(r.pValue()).isEqualTo(1.0);
    assertThat(r.pValueLess()).isEqualTo(1.0);
  }

  @Test
  void aHugeSeparationKeepsATinyPositivePValueInEachTail() {
    // 200 vs 200 values, every current one above every baseline one, no ties: U = n₁n₂ and
    // z = (n₁n₂/2) / √(n₁n₂(N+1)/12) ≈ 17.3, far past where 1 − Φ(z) rounds to 0.
    double[] baseline = new double[200];
    double[] current = new double[200];
    for (int i = 0; i < 200; i++) {
      baseline[i] = 100 + i;
      current[i] = 10_000 + i;
    }
    double z = 200.0 * 200 / 2 / Math.sqrt(200.0 * 200 * 401 / 12);
    // Upper normal tail Q(z) = erfc(z/√2)/2, bracketed by the Mills-ratio bounds
    // φ(z)/z · (1 − 1/z²) < Q(z) < φ(z)/z.
    double tail = Erf.erfc(z / Math.sqrt(2)) / 2;
    double phiOverZ = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI) / z;
    assertThat(tail).isBetween(phiOverZ * (1 - 1 / (z * z)), phiOverZ);

    MannWhitney.Result slower = MannWhitney.greater(baseline, current);
    assertThat(slower.z()).isCloseTo(z, within(1e-9));
    assertThat(slower.pValue()).isPositive().isCloseTo(tail, withinPercentage(1e-6));
    assertThat(slower.pValueLess()).isEqualTo(1.0);

    MannWhitney.Result faster = MannWhitney.greater(current, baseline);
    assertThat(faster.pValue()).isEqualTo(1.0);
    assertThat(faster.pValueLess()).isPositive().isCloseTo(tail, withinPercentage(1e-6));
  }
}
