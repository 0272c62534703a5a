package io.rpainsights.sample;

import io.rpainsights.sample.simulation.Fault;

/**
 * What the engine learns about one step while it runs: the latest fault, how many recovery attempts
 * it has had, and whether one of them saved it while it was still running. Confined to the step's
 * thread.
 */
final class StepProbe {

  private final Node node;
  private Fault fault;
  private int recoveryAttempts;
  private boolean healedDuringStep;

  StepProbe(Node node) {
    this.node = node;
  }

  Node node() {
    return node;
  }

  Fault fault() {
    return fault;
  }

  void recordFault(Fault fault) {
    this.fault = fault;
  }

  int recoveryAttempts() {
    return recoveryAttempts;
  }

  /** Counts one more attempt and returns its number, from 1. */
  int nextAttempt() {
    return ++recoveryAttempts;
  }

  boolean healedDuringStep() {
    return healedDuringStep;
  }

  void markHealedDuringStep() {
    healedDuringStep = true;
  }
}
