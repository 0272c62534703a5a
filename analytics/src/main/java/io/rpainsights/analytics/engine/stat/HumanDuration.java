package io.rpainsights.analytics.engine.stat;

import java.util.Locale;

/**
 * Durations for people, in the engine's sentences (descriptions, recommendations) and in the
 * reports' tables alike: {@code 4.20 ms}, {@code 850.0 ms}, {@code 4.20 s}, {@code 2.5 min}.
 */
public final class HumanDuration {
  private HumanDuration() {}

  public static String format(double ms) {
    if (Double.isNaN(ms)) {
      return "–";
    }
    double abs = Math.abs(ms);
    if (abs < 10) {
      return String.format(Locale.ROOT, "%.2f ms", ms);
    }
    if (abs < 1000) {
      return String.format(Locale.ROOT, "%.1f ms", ms);
    }
    if (abs < 60_000) {
      return String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }
    return String.format(Locale.ROOT, "%.1f min", ms / 60_000);
  }
}
