package io.rpainsights.sample.simulation;

import java.util.Objects;

/**
 * One fault that hit one attempt of a step.
 *
 * @param persistence chance that re-running the same action meets this fault again (a changed
 *     selector persists, a momentary 503 usually does not)
 */
public record Fault(FaultKind kind, String message, double persistence) {

  public Fault {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
    if (!(persistence >= 0 && persistence <= 1)) {
      throw new IllegalArgumentException("persistence must lie in [0, 1], got " + persistence);
    }
  }
}
