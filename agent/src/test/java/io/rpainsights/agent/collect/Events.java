package io.rpainsights.agent.collect;

import io.rpainsights.agent.event.ExecutionFinished;
import io.rpainsights.agent.event.ExecutionStarted;
import io.rpainsights.agent.event.StepRecord;

/** Small event factories for the collector's tests. */
final class Events {

  private Events() {}

  /** A step whose execution id names its producer and whose step number is its sequence. */
  static StepRecord step(String producer, int sequence) {
    return new StepRecord(
        producer, "wf", "node", "click", sequence, 0L, 1.0, StepRecord.SUCCESS, null, null, false);
  }

  static ExecutionStarted start(String executionId) {
    return new ExecutionStarted(executionId, "wf", null, 0L, null);
  }

  static ExecutionFinished finish(String executionId) {
    return new ExecutionFinished(
        executionId, "wf", 1L, 1.0, ExecutionFinished.SUCCESS, 0, 0, 0, null, null, null);
  }
}
