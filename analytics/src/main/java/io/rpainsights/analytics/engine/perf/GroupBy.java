package io.rpainsights.analytics.engine.perf;

import io.rpainsights.analytics.store.InvalidInputException;
import java.util.Locale;

/** What {@code stats} groups by: executions per workflow or host, steps per node or action type. */
public enum GroupBy {
  WORKFLOW,
  STEP,
  ACTION,
  HOST;

  /** Whether rows are step rows rather than execution rows. */
  public boolean steps() {
    return this == STEP || this == ACTION;
  }

  public static GroupBy parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "unknown grouping '" + text + "': expected workflow, step, action or host");
    }
  }
}
