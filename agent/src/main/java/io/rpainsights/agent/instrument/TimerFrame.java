package io.rpainsights.agent.instrument;

import java.util.Map;

/**
 * A timer call in progress. Not on the thread's execution/step stack (timers never nest records),
 * but on a stack of open timers of its own, for "one call, one record".
 */
final class TimerFrame extends Frame {

  final Map<String, String> labels;

  /** The innermost open timer of this thread when this one started. */
  TimerFrame outerTimer;

  /** The thread's innermost execution/step/recovery frame when this timer started. */
  Frame recordAtStart;

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
