package io.rpainsights.agent.instrument;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A step that failed and may still be saved by a recovery attempt made right after it. Exactly one
 * party settles it — a matching successful recovery (recovered), the next step of its execution on
 * its thread, or the execution's end (failed) — decided by {@link #settle()}.
 */
final class PendingStep {

  final StepFrame step;
  final double durationMs;
  final String errorType;
  final String errorMessage;
  private final AtomicBoolean settled = new AtomicBoolean();

  PendingStep(StepFrame step, double durationMs, String errorType, String errorMessage) {
    this.step = step;
    this.durationMs = durationMs;
    this.errorType = errorType;
    this.errorMessage = errorMessage;
  }

  /** True for the one caller that gets to decide this step's outcome. */
  boolean settle() {
    return settled.compareAndSet(false, true);
  }
}
