package io.rpainsights.analytics.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowTest {
  @Test
  void anEmptyWindowIsRefusedWithItsTimesInWholeMilliseconds() {
    Instant since = Instant.parse("2026-11-23T10:00:00.123456789Z");
    Instant until = Instant.parse("2026-11-23T09:00:00.000000001Z");
    assertThatThrownBy(() -> new Window(since, until))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "empty time window: 2026-11-23T10:00:00.123Z is not before 2026-11-23T09:00:00Z"
                + " (check since and until)");
  }
}
