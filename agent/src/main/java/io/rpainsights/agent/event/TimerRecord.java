package io.rpainsights.agent.event;

import java.util.Map;

/** One call of a method matched by a {@code timers} rule: becomes a {@code timers} row. */
public final class TimerRecord extends Event {

  /** Epoch milliseconds UTC when the call started. */
  public final long ts;

  /** The rule's {@code name}. */
  public final String name;

  /** Label name to extracted value (string form; null when the expression yielded null). */
  public final Map<String, String> labels;

  public final double durationMs;
  public final boolean success;

  /** The exception class when the call threw or {@code errorType} said so; null otherwise. */
  public final String errorType;

  /** Value name to extracted number (summed into {@code <name>_<value>_total}); may be empty. */
  public final Map<String, Double> values;

  public TimerRecord(
      long ts,
      String name,
      Map<String, String> labels,
      double durationMs,
      boolean success,
      String errorType,
      Map<String, Double> values) {
    this.ts = ts;
    this.name = name;
    this.labels = labels;
    this.durationMs = durationMs;
    this.success = success;
    this.errorType = errorType;
    this.values = values;
  }

  @Override
  public Kind kind() {
    return Kind.TIMER;
  }
}
