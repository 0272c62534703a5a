package io.rpainsights.agent.instrument;

/**
 * A call in progress that was matched by a rule: the token inlined advice carries from method enter
 * to method exit. Frames of executions, steps and recoveries form a per-thread stack through {@link
 * #parent}; timer frames are not on the stack.
 *
 * <p>Confined to the thread that made the call, except {@link StepFrame#recoveredDuring}, which
 * only that thread writes too.
 */
abstract class Frame {

  final CompiledRule rule;
  final ThreadState state;

  /** The value of the rule's identity expression (workflowId / nodeId) at the start. */
  final Object identity;

  final long startedAt;
  final long startNanos;

  /** The call's arguments, kept for outcome expressions that read state the method left behind. */
  final Object[] args;

  /** The enclosing frame on this thread when this one was pushed. */
  Frame parent;

  Frame(
      CompiledRule rule,
      ThreadState state,
      Object identity,
      long startedAt,
      long startNanos,
      Object[] args) {
    this.rule = rule;
    this.state = state;
    this.identity = identity;
    this.startedAt = startedAt;
    this.startNanos = startNanos;
    this.args = args;
  }

  /** The execution this frame belongs to (for an execution frame, itself). */
  abstract ExecutionContext context();

  double elapsedMs(long endNanos) {
    return (endNanos - startNanos) / 1_000_000.0;
  }
}
