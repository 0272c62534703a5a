package io.rpainsights.agent.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RatesTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void oneBusyCoreOfFourIsTwentyFivePercent() {
    assertThat(Rates.cpuPct(0L, SECOND, SECOND, 4)).isCloseTo(25.0, within(1e-9));
  }

  @Test
  void cpuShareIsMeasuredOverTheIntervalNotSinceStart() {
    // 300 ms of CPU between t=2 s and t=2.5 s on 2 processors: 0.3 / (0.5 × 2) = 30 %.
    assertThat(Rates.cpuPct(5 * SECOND, 5 * SECOND + 300_000_000L, SECOND / 2, 2))
        .isCloseTo(30.0, within(1e-9));
  }

  @Test
  void cpuShareIsClampedToTheMachine() {
    assertThat(Rates.cpuPct(0L, 3 * SECOND, SECOND, 2)).isEqualTo(100.0);
    assertThat(Rates.cpuPct(10L, 5L, SECOND, 2)).isEqualTo(0.0);
  }

  @Test
  void cpuShareIsNullWithoutBothCountersOrWithoutElapsedTime() {
    assertThat(Rates.cpuPct(null, SECOND, SECOND, 2)).isNull();
    assertThat(Rates.cpuPct(0L, null, SECOND, 2)).isNull();
    assertThat(Rates.cpuPct(0L, SECOND, 0, 2)).isNull();
  }

  @Test
  void deltaIsNullOnTheFirstReadingAndWhenTheCounterWentBackwards() {
    assertThat(Rates.delta(null, 100L)).isNull();
    assertThat(Rates.delta(100L, null)).isNull();
    assertThat(Rates.delta(100L, 40L)).isNull();
    assertThat(Rates.delta(100L, 100L)).isZero();
    assertThat(Rates.delta(100L, 4196L)).isEqualTo(4096L);
  }
}
