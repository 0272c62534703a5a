package io.rpainsights.analytics.engine.stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void p95OfTheFieldNotesExampleIsR7NotLegacy() {
    double[] sorted = {10, 20, 30, 40, 50, 60, 70, 80, 90, 1000};
    // h = (10-1)·0.95 = 8.55 → 90 + 0.55·(1000-90) = 590.5; LEGACY would give 1000.
    assertThat(Percentiles.r7(sorted, 0.95)).isEqualTo(590.5);
    assertThat(new Percentile().evaluate(sorted, 95)).isEqualTo(1000.0);
  }

  @Test
  void medianOfEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(Percentiles.median(new double[] {1, 2, 3, 10})).isEqualTo(2.5);
    assertThat(Percentiles.median(new double[] {7})).isEqualTo(7.0);
  }

  @Test
  void extremesAreMinAndMax() {
    double[] sorted = {3, 5, 8};
    assertThat(Percentiles.r7(sorted, 0)).isEqualTo(3.0);
    assertThat(Percentiles.r7(sorted, 1)).isEqualTo(8.0);
  }

  @Test
  void rejectsNoValuesAndProbabilitiesOutsideZeroToOne() {
    assertThatThrownBy(() -> Percentiles.r7(new double[0], 0.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Percentiles.r7(new double[] {1}, 1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 200)
  void agreesWithCommonsMathR7(
      @ForAll @Size(min = 1, max = 200) double[] raw,
      @ForAll @DoubleRange(min = 0.01, max = 1.0) double p) {
    double[] values = Arrays.stream(raw).map(v -> Double.isFinite(v) ? v % 1e9 : 0).toArray();
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double expected =
        new Percentile().withEstimationType(EstimationType.R_7).evaluate(values, p * 100);
    assertThat(Percentiles.r7(sorted, p))
        .isCloseTo(expected, within(1e-6 * (1 + Math.abs(expected))));
  }
}
