package io.rpainsights.analytics.store;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the CLI's durations: a positive whole number followed by {@code ms|s|m|h|d}. */
public final class Durations {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");

  /** A hundred years: longer windows and buckets mean nothing and overflow time arithmetic. */
  public static final Duration MAX = Duration.ofDays(36_500);

  private Durations() {}

  /**
   * Parses {@code 90s}, {@code 15m}, {@code 7d}, {@code 250ms}, {@code 2h}.
   *
   * @throws InvalidInputException when the text is not such a duration or is zero
   */
  public static Duration parse(String text) {
    if (text == null) {
      throw new InvalidInputException("missing duration: expected e.g. 90s, 15m or 7d");
    }
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new InvalidInputException(
          "malformed duration '" + text + "': expected a number and ms, s, m, h or d (e.g. 7d)");
    }
    long amount = Long.parseLong(m.group(1));
    if (amount == 0) {
      throw new InvalidInputException("duration '" + text + "' must be greater than zero");
    }
    Duration duration;
    try {
      duration =
          switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
          };
    } catch (ArithmeticException e) {
      throw new InvalidInputException("duration '" + text + "' is too large (at most 36500d)", e);
    }
    if (duration.compareTo(MAX) > 0) {
      throw new InvalidInputException("duration '" + text + "' is too large (at most 36500d)");
    }
    return duration;
  }

  /**
   * The shortest exact spelling of a duration in the CLI's syntax, e.g. {@code 7d} or {@code 90s}.
   */
  public static String format(Duration duration) {
    long ms = duration.toMillis();
    if (ms % 86_400_000L == 0) {
      return ms / 86_400_000L + "d";
    }
    if (ms % 3_600_000L == 0) {
      return ms / 3_600_000L + "h";
    }
    if (ms % 60_000L == 0) {
      return ms / 60_000L + "m";
    }
    if (ms % 1000L == 0) {
      return ms / 1000L + "s";
    }
    return ms + "ms";
  }
}
