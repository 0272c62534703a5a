package io.rpainsights.analytics.report;

import io.rpainsights.analytics.engine.stat.HumanDuration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Formats numbers for people: durations as ms / s / min, ratios as percentages. */
public final class Humanize {
  private Humanize() {}

  /** {@code 850.0 ms}, {@code 4.20 ms}, {@code 4.20 s}, {@code 2.5 min}; "–" for null or NaN. */
  public static String duration(Double ms) {
    return ms == null ? "–" : HumanDuration.format(ms);
  }

  /** {@code 97.5 %} for 0.975. */
  public static String ratio(Double fraction) {
    if (fraction == null || fraction.isNaN()) {
      return "–";
    }
    return percent(fraction * 100);
  }

  /** {@code 97.5 %} for 97.5. */
  public static String percent(Double pct) {
    if (pct == null || pct.isNaN()) {
      return "–";
    }
    return String.format(Locale.ROOT, "%.1f %%", pct);
  }

  /** Thousands separated: {@code 12,345}. */
  public static String count(Number n) {
    return n == null ? "–" : String.format(Locale.ROOT, "%,d", n.longValue());
  }

  /** Up to four significant digits, plain notation. */
  public static String number(Number n) {
    if (n == null) {
      return "–";
    }
    double v = n.doubleValue();
    if (Double.isNaN(v)) {
      return "–";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%d", (long) v);
    }
    double abs = Math.abs(v);
    if (abs >= 100) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    if (abs >= 1) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    if (abs >= 0.0001) {
      return String.format(Locale.ROOT, "%.4f", v);
    }
    return String.format(Locale.ROOT, "%.2e", v);
  }

  /** {@code 2026-11-22T10:00:00Z}. */
  public static String time(Instant t) {
    return t == null ? "–" : t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** Formats a raw value as a column of this kind shows it. */
  public static String format(Kind kind, Object value) {
    if (value == null) {
      return "–";
    }
    if (value instanceof Measure m) {
      return format(m.kind(), m.value());
    }
    return switch (kind) {
      case TEXT -> value.toString();
      case COUNT -> value instanceof Number n ? count(n) : value.toString();
      case DURATION_MS -> value instanceof Number n ? duration(n.doubleValue()) : value.toString();
      case RATIO -> value instanceof Number n ? ratio(n.doubleValue()) : value.toString();
      case PERCENT -> value instanceof Number n ? percent(n.doubleValue()) : value.toString();
      case NUMBER -> value instanceof Number n ? number(n) : value.toString();
      case TIME -> value instanceof Instant t ? time(t) : value.toString();
      case BOOLEAN -> Boolean.TRUE.equals(value) ? "yes" : "no";
    };
  }
}
