package io.rpainsights.analytics.report;

/** How a column's values are shown to people; CSV and JSON always carry the raw value. */
public enum Kind {
  /** Free text, left-aligned. */
  TEXT,
  /** A whole number, right-aligned with thousands separators. */
  COUNT,
  /** Milliseconds, humanised to ms / s / min. */
  DURATION_MS,
  /** A fraction 0..1 shown as a percentage. */
  RATIO,
  /** A number that already is a percentage. */
  PERCENT,
  /** Any other number, shown with a few significant digits. */
  NUMBER,
  /** An {@link java.time.Instant}, shown as ISO-8601 to the second. */
  TIME,
  /** A boolean shown as yes/no. */
  BOOLEAN
}
