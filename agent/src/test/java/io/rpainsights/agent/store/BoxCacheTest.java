package io.rpainsights.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoxCacheTest {

  private final BoxCache boxes = new BoxCache();

  @Test
  void stepNumbersGetOneBoxEachAndEveryValueIsKept() {
    assertThat(boxes.integer(700)).isSameAs(boxes.integer(700)).isEqualTo(700);
    assertThat(boxes.integer(0)).isEqualTo(0);
    assertThat(boxes.integer(-5)).isEqualTo(-5);
    assertThat(boxes.integer(1_000_000)).isEqualTo(1_000_000);
  }

  @Test
  void aRepeatedStartTimeReusesItsBoxAndACollisionNeverGivesAnotherValue() {
    long t = 1_790_000_000_123L;
    Long first = boxes.longValue(t);
    assertThat(boxes.longValue(t)).isSameAs(first).isEqualTo(t);
    // t + 64 maps to the same entry: it must come back as itself, and so must t afterwards.
    assertThat(boxes.longValue(t + 64)).isEqualTo(t + 64);
    assertThat(boxes.longValue(t)).isEqualTo(t);
    assertThat(boxes.longValue(Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
  }
}
