package io.rpainsights.analytics.engine.stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SummaryTest {

  @Test
  void handWorkedSampleOfFour() {
    // 100, 200, 300, 1000: mean 400; deviations -300,-200,-100,600 → Σd² = 500,000;
    // s = √(500000/3) = 408.248…; median 250; p95: h = 2.85 → 300 + 0.85·700 = 895;
    // p99: h = 2.97 → 300 + 0.97·700 = 979.
    Summary s = Summary.of(new double[] {300, 1000, 100, 200});
    assertThat(s.count()).isEqualTo(4);
    assertThat(s.sum()).isEqualTo(1600.0);
    assertThat(s.mean()).isEqualTo(400.0);
    assertThat(s.median()).isEqualTo(250.0);
    assertThat(s.p95()).isCloseTo(895.0, within(1e-9));
    assertThat(s.p99()).isCloseTo(979.0, within(1e-9));
    assertThat(s.min()).isEqualTo(100.0);
    assertThat(s.max()).isEqualTo(1000.0);
    assertThat(s.stddev()).isCloseTo(Math.sqrt(500_000.0 / 3), within(1e-9));
  }

  @Test
  void sampleStandardDeviationMatchesTwoPassOnLargeOffsetData() {
    SplittableRandom random = new SplittableRandom(7);
    double[] values = new double[10_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = 1e9 + random.nextDouble() * 50; // large offset: naive Σx² would lose digits
    }
    double mean = Arrays.stream(values).sum() / values.length;
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    double twoPass = Math.sqrt(ss / (values.length - 1));
    assertThat(Summary.of(values).stddev()).isCloseTo(twoPass, within(1e-6));
  }

  @Test
  void oneValueHasNoStandardDeviationAndNoValuesNoSummary() {
    assertThat(Summary.of(new double[] {42}).stddev()).isNull();
    assertThat(Summary.of(new double[0])).isNull();
    assertThat(Summary.of(new double[] {Double.NaN})).isNull();
  }

  @Test
  void ignoresNaN() {
    Summary s = Summary.of(new double[] {Double.NaN, 10, 20});
    assertThat(s.count()).isEqualTo(2);
    assertThat(s.mean()).isEqualTo(15.0);
  }

  @Test
  void ignoresInfiniteValuesLikeNaN() {
    // Left: 10, 20, 60 → mean 30, median 20, min 10, max 60.
    Summary s =
        Summary.of(
            new double[] {
              Double.POSITIVE_INFINITY, 10, Double.NEGATIVE_INFINITY, 60, 20, Double.NaN
            });
    assertThat(s.count()).isEqualTo(3);
    assertThat(s.mean()).isEqualTo(30.0);
    assertThat(s.median()).isEqualTo(20.0);
    assertThat(s.min()).isEqualTo(10.0);
    assertThat(s.max()).isEqualTo(60.0);
    assertThat(Summary.of(new double[] {Double.POSITIVE_INFINITY})).isNull();
  }
}
