package io.rpainsights.agent.instrument;

import java.util.Map;

/** A timer call in progress. Not on the thread's stack: timers never nest records. */
final class TimerFrame extends Frame {

  final Map<String, String> labels;

  TimerFrame(
      CompiledRule rule,
      ThreadState state,
      long startedAt,
      long startNanos,
      Object[] args,
      Map<String, String> labels) {
    super(rule, state, null, startedAt, startNanos, args);
    this.labels = labels;
  }

  @Override
  ExecutionContext context() {
    return null;
  }
}
