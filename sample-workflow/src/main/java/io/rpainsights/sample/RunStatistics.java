package io.rpainsights.sample;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the engine really did, counted where it happened: executions when {@code executeWorkflow}
 * starts and ends, steps when {@code executeNode} starts and when their outcome is settled.
 * Thread-safe; sums are exact once the work has been joined.
 */
final class RunStatistics {

  private final LongAdder executions = new LongAdder();
  private final LongAdder executionsSucceeded = new LongAdder();
  private final LongAdder executionsFailed = new LongAdder();
  private final LongAdder steps = new LongAdder();
  private final LongAdder stepsSucceeded = new LongAdder();
  private final LongAdder stepsRecovered = new LongAdder();
  private final LongAdder stepsFailed = new LongAdder();

  void executionStarted() {
    executions.increment();
  }

  void executionEnded(boolean succeeded) {
    (succeeded ? executionsSucceeded : executionsFailed).increment();
  }

  void stepStarted() {
    steps.increment();
  }

  void stepSettled(StepOutcome.Kind kind) {
    switch (kind) {
      case SUCCEEDED -> stepsSucceeded.increment();
      case RECOVERED -> stepsRecovered.increment();
      case FAILED -> stepsFailed.increment();
    }
  }

  /** The counts so far, with the self-healing engine's attempt counts. */
  Summary summary(long recoveries, long successfulRecoveries) {
    return new Summary(
        executions.sum(),
        executionsSucceeded.sum(),
        executionsFailed.sum(),
        steps.sum(),
        stepsSucceeded.sum(),
        stepsFailed.sum(),
        stepsRecovered.sum(),
        recoveries,
        successfulRecoveries);
  }
}
