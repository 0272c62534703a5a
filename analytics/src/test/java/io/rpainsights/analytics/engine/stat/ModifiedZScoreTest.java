package io.rpainsights.analytics.engine.stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ModifiedZScoreTest {

  @Test
  void handWorkedScore() {
    // {1,2,3,4,100}: median 3; |deviations| {2,1,0,1,97} → sorted {0,1,1,2,97}, MAD = 1.
    // M(100) = 0.6745·97/1 = 65.4265.
    RobustScale scale = RobustScale.of(new double[] {1, 2, 3, 4, 100});
    assertThat(scale.median()).isEqualTo(3.0);
    assertThat(scale.mad()).isEqualTo(1.0);
    assertThat(ModifiedZScore.score(100, scale)).isCloseTo(65.4265, within(1e-9));
  }

  @Test
  void fallsBackToMeanAbsoluteDeviationWhenMadIsZero() {
    // {5,5,5,5,9}: median 5, MAD 0; MeanAD = 4/5 = 0.8 → M(9) = 4/(1.253314·0.8) = 3.98943…
    RobustScale scale = RobustScale.of(new double[] {5, 5, 5, 5, 9});
    assertThat(scale.mad()).isZero();
    assertThat(scale.meanAbsDev()).isCloseTo(0.8, within(1e-12));
    assertThat(ModifiedZScore.score(9, scale)).isCloseTo(4 / (1.253314 * 0.8), within(1e-9));
  }

  @Test
  void noSpreadAtAllGivesNoScore() {
    RobustScale scale = RobustScale.of(new double[] {7, 7, 7});
    assertThat(ModifiedZScore.score(8, scale)).isNaN();
  }
}
