package io.rpainsights.sample;

import java.util.concurrent.atomic.AtomicInteger;

/** One execution's step counts; shared with its parallel branches, hence atomic. */
final class StepTally {

  private final AtomicInteger steps = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger recovered = new AtomicInteger();

  void add(StepOutcome.Kind kind) {
    steps.incrementAndGet();
    if (kind == StepOutcome.Kind.FAILED) {
      failed.incrementAndGet();
    } else if (kind == StepOutcome.Kind.RECOVERED) {
      recovered.incrementAndGet();
    }
  }

  ExecutionResult succeeded(String workflowId) {
    return new ExecutionResult(
        workflowId, ExecutionResult.SUCCESS, null, steps.get(), failed.get(), recovered.get());
  }

  ExecutionResult failed(String workflowId, String error) {
    return new ExecutionResult(
        workflowId, ExecutionResult.FAILED, error, steps.get(), failed.get(), recovered.get());
  }
}
