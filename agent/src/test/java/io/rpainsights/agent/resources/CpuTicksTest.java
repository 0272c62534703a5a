package io.rpainsights.agent.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CpuTicksTest {

  @Test
  void busyShareCountsIowaitAsIdleAndLeavesGuestTimeOutOfTheTotal() {
    // user nice system idle iowait irq softirq steal guest guest_nice
    CpuTicks earlier = CpuTicks.fromStatFields(new long[] {100, 0, 50, 800, 50, 0, 0, 0, 40, 0});
    CpuTicks later = CpuTicks.fromStatFields(new long[] {160, 0, 70, 880, 70, 5, 5, 10, 99, 0});
    // Worked by hand: total grew (160+70+880+70+5+5+10) − (100+50+800+50) = 1200 − 1000 = 200,
    // idle+iowait grew 950 − 850 = 100, so busy = 100 / 200 = 50 %; guest (40 → 99) is ignored.
    assertThat(CpuTicks.busyPct(earlier, later)).isCloseTo(50.0, within(1e-9));
  }

  @Test
  void oldKernelsWithFourFieldsAreRead() {
    CpuTicks earlier = CpuTicks.fromStatFields(new long[] {10, 0, 10, 80});
    CpuTicks later = CpuTicks.fromStatFields(new long[] {40, 0, 20, 140});
    // total 100 → 200, idle 80 → 140: busy (100 − 60) / 100 = 40 %.
    assertThat(CpuTicks.busyPct(earlier, later)).isCloseTo(40.0, within(1e-9));
  }

  @Test
  void noFigureWithoutAnEarlierReadingOrWithoutTicksInBetween() {
    CpuTicks reading = new CpuTicks(80, 100);
    assertThat(CpuTicks.busyPct(null, reading)).isNull();
    assertThat(CpuTicks.busyPct(reading, new CpuTicks(80, 100))).isNull();
    assertThat(CpuTicks.fromStatFields(new long[] {1, 2, 3})).isNull();
  }
}
