package io.rpainsights.analytics.engine.anomaly;

import io.rpainsights.analytics.store.InvalidInputException;
import java.util.Locale;

/**
 * The scale durations are scored on. Latencies are right-skewed (close to lognormal): on a linear
 * scale the long right tail of a perfectly healthy step crosses 3.5 modified z-scores about once in
 * a hundred runs, on a log scale about once in four thousand. {@code LOG} is the default; the
 * reported {@code value} and {@code expected} are milliseconds either way ({@code expected} is the
 * baseline median, which a monotone transform does not change).
 */
public enum Scale {
  LOG,
  LINEAR;

  double apply(double ms) {
    return this == LOG ? Math.log(Math.max(ms, 1e-3)) : ms;
  }

  double invert(double v) {
    // exp(ln x) is x only to within a few ulps; micro-millisecond rounding gives back the
    // duration as it was stored (3841.0, not 3840.9999999999977).
    return this == LOG ? Math.round(Math.exp(v) * 1e6) / 1e6 : v;
  }

  public static Scale parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("unknown scale '" + text + "': expected log or linear");
    }
  }
}
