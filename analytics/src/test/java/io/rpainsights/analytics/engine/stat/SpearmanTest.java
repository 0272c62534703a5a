package io.rpainsights.analytics.engine.stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.Test;

/** Spearman's ρ checked against Commons Math's implementation and a hand-worked example. */
class SpearmanTest {

  @Test
  void matchesCommonsMathWithAndWithoutTies() {
    SplittableRandom r = new SplittableRandom(7);
    for (int round = 0; round < 20; round++) {
      int n = 2 + r.nextInt(3000);
      double[] x = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        // Every other round rounds the values so that ties are frequent.
        x[i] = round % 2 == 0 ? r.nextDouble() * 100 : Math.round(r.nextDouble() * 20);
        y[i] =
            0.4 * x[i]
                + (round % 2 == 0 ? r.nextGaussian() * 30 : Math.round(r.nextGaussian() * 5));
      }
      assertThat(Spearman.rho(x, y))
          .isCloseTo(new SpearmansCorrelation().correlation(x, y), within(1e-12));
    }
  }

  @Test
  void anAscendingSampleWithTiesRanksAsCommonsMathDoes() {
    SplittableRandom r = new SplittableRandom(3);
    double[] x = new double[2000];
    double[] y = new double[2000];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.round(r.nextDouble() * 50);
      y[i] = Math.round(r.nextGaussian() * 4);
    }
    java.util.Arrays.sort(x);
    assertThat(Spearman.rho(x, y))
        .isCloseTo(new SpearmansCorrelation().correlation(x, y), within(1e-12));
  }

  @Test
  void averageRanksOfAHandWorkedExample() {
    // x = 10, 20, 20, 30 → ranks 1, 2.5, 2.5, 4; y falls as x rises → ρ = -1 on the distinct part.
    assertThat(Spearman.ranks(new double[] {20, 10, 30, 20})).containsExactly(2.5, 1, 4, 2.5);
    assertThat(Spearman.rho(new double[] {1, 2, 3, 4}, new double[] {40, 30, 20, 10}))
        .isEqualTo(-1.0);
    assertThat(Spearman.rho(new double[] {1, 2, 3}, new double[] {5, 5, 5})).isNaN();
  }

  @Test
  void refusesUnequalOrTinySamples() {
    assertThatThrownBy(() -> Spearman.rho(new double[] {1, 2}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Spearman.rho(new double[] {1}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
