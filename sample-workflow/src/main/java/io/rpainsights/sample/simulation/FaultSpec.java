package io.rpainsights.sample.simulation;

import java.util.Objects;

/** One row of a fault table: how often a kind of fault hits a step, and how persistent it is. */
public record FaultSpec(FaultKind kind, double probability, double persistence) {

  public FaultSpec {
    Objects.requireNonNull(kind, "kind");
    if (!(probability >= 0 && probability <= 1) || !(persistence >= 0 && persistence <= 1)) {
      throw new IllegalArgumentException(kind + ": probability and persistence must lie in [0, 1]");
    }
  }
}
