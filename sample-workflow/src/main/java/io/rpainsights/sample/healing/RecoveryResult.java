package io.rpainsights.sample.healing;

import java.util.Objects;

/** The outcome of one self-healing attempt: which strategy ran and whether it saved the step. */
public record RecoveryResult(String strategyUsed, boolean success) {

  public RecoveryResult {
    Objects.requireNonNull(strategyUsed, "strategyUsed");
  }
}
