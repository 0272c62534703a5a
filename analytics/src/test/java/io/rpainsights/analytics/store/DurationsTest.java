package io.rpainsights.analytics.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void parsesEveryUnit() {
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.parse("7d")).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void aHundredYearsIsTheLongestDuration() {
    assertThat(Durations.parse("36500d")).isEqualTo(Durations.MAX);
    assertThatThrownBy(() -> Durations.parse("36501d"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("too large");
    assertThatThrownBy(() -> Durations.parse("999999999999h"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("too large");
  }

  @Property
  void formatThenParseIsIdentity(@ForAll @LongRange(min = 1, max = 10_000_000_000L) long ms) {
    Duration d = Duration.ofMillis(ms);
    assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
  }

  @Property
  void rejectsAnythingThatIsNotNumberAndUnit(@ForAll("garbage") String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageNotContaining("\n");
  }

  @Provide
  Arbitrary<String> garbage() {
    return Arbitraries.oneOf(
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6),
        Arbitraries.of(
            "7", "d7", "7 d", "-7d", "7dd", "1.5h", "0d", "7w", "", "ms", "99999999999999d"));
  }

  @Test
  void timeSpecAcceptsDurationsInstantsOffsetsAndDates() {
    Instant now = Instant.parse("2026-11-22T12:00:00Z");
    assertThat(TimeSpec.parse("1h").resolve(now)).isEqualTo(Instant.parse("2026-11-22T11:00:00Z"));
    assertThat(TimeSpec.parse("2026-11-22T10:00:00Z").resolve(now))
        .isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
    assertThat(TimeSpec.parse("2026-11-22T11:00:00+01:00").resolve(now))
        .isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
    assertThat(TimeSpec.parse("2026-11-20").resolve(now))
        .isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
  }

  @Test
  void timeSpecRejectsMalformedTimes() {
    assertThatThrownBy(() -> TimeSpec.parse("2026-13-40T99:00:00Z"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("malformed time");
    assertThatThrownBy(() -> TimeSpec.parse("yesterday")).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void aWindowMustNotBeEmpty() {
    Instant t = Instant.parse("2026-11-22T12:00:00Z");
    assertThatThrownBy(() -> new Window(t, t)).isInstanceOf(InvalidInputException.class);
  }
}
