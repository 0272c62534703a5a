package io.rpainsights.analytics.store;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * One end of a time window as the user wrote it: either relative to now ({@code 7d} = seven days
 * ago) or an absolute ISO-8601 instant. Kept unresolved so that a query stays the same cache key
 * from one call to the next while "now" moves.
 */
public sealed interface TimeSpec permits TimeSpec.Ago, TimeSpec.At {

  /** Resolves this end against the current instant. */
  Instant resolve(Instant now);

  /** {@code duration} before now; {@code Ago(Duration.ZERO)} is now itself. */
  record Ago(Duration duration) implements TimeSpec {
    @Override
    public Instant resolve(Instant now) {
      return now.minus(duration);
    }

    @Override
    public String toString() {
      return duration.isZero() ? "now" : Durations.format(duration) + " ago";
    }
  }

  /** A fixed instant. */
  record At(Instant instant) implements TimeSpec {
    @Override
    public Instant resolve(Instant now) {
      return instant;
    }

    @Override
    public String toString() {
      return instant.toString();
    }
  }

  /** Now. */
  static TimeSpec now() {
    return new Ago(Duration.ZERO);
  }

  /** {@code duration} before now. */
  static TimeSpec ago(Duration duration) {
    return new Ago(duration);
  }

  /** A fixed instant. */
  static TimeSpec at(Instant instant) {
    return new At(instant);
  }

  /**
   * Parses a duration ({@code 7d}: that long before now), an ISO-8601 instant ({@code
   * 2026-11-22T10:00:00Z}, an offset such as {@code +01:00} is allowed) or a date ({@code
   * 2026-11-22}: its midnight UTC).
   *
   * @throws InvalidInputException when the text is none of these
   */
  static TimeSpec parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("missing time: expected e.g. 7d or 2026-11-22T10:00:00Z");
    }
    String t = text.trim();
    if (!t.isEmpty() && Character.isDigit(t.charAt(0)) && t.indexOf('-') < 0) {
      return new Ago(Durations.parse(t));
    }
    try {
      if (t.length() == 10) {
        return new At(LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant());
      }
      return new At(OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeException e) {
      throw new InvalidInputException(
          "malformed time '"
              + text
              + "': expected a duration such as 7d or an ISO-8601 time"
              + " such as 2026-11-22T10:00:00Z",
          e);
    }
  }
}
