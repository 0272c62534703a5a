package io.rpainsights.agent.config;

/**
 * The names of the Prometheus metrics a timers rule adds (DESIGN.md "Prometheus"). The exporter
 * registers them under these names and the loader checks them against every other metric, so both
 * must spell them the same way.
 */
public final class MetricNames {

  private MetricNames() {}

  /** The counter of calls, by outcome and error type. */
  public static String timerCalls(String timer) {
    return timer + "_calls_total";
  }

  /** The histogram of call durations. */
  public static String timerDuration(String timer) {
    return timer + "_duration_seconds";
  }

  /** The counter that sums one of the timer's {@code values}. */
  public static String timerValue(String timer, String value) {
    return timer + "_" + value + "_total";
  }
}
