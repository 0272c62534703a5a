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

  // Not final: a step frame is reused by the next step on its thread once its record is queued
  // (see StepFrame#reset). Every field is still written and read by the owning thread only, or
  // published through a PendingStep's queue, and a pending frame is never reused.
  CompiledRule rule;
  final ThreadState state;

  /** The value of the rule's identity expression (workflowId / nodeId) at the start. */
  Object identity;

  long startedAt;
  long startNanos;

  /**
   * The call's arguments, kept for outcome expressions that read state the method left behind; null
   * when the advice passed only the first argument (see {@link #firstArgument}).
   */
  Object[] args;

  /** The first argument, when the advice passed only that one (no array was made). */
  Object firstArgument;

  /** The enclosing frame on this thread when this one was pushed. */
  Frame parent;

  /**
   * The innermost open timer when this frame was pushed: a timer opened since is a record between
   * this call and a re-entry of its rule, which then is a record of its own.
   */
  TimerFrame timerAtPush;

  /** A frame whose call is set later, by {@link #set}. */
  Frame(ThreadState state) {
    this.state = state;
  }

  Frame(
      CompiledRule rule,
      ThreadState state,
      Object identity,
      long startedAt,
      long startNanos,
      Object[] args) {
    this.state = state;
    set(rule, identity, startedAt, startNanos, args);
  }

  final void set(
      CompiledRule rule, Object identity, long startedAt, long startNanos, Object[] args) {
    this.rule = rule;
    this.identity = identity;
    this.startedAt = startedAt;
    this.startNanos = startNanos;
    if (args == state.firstArgumentOnly) {
      // The thread's scratch array: keep its one element, never the shared array.
      this.args = null;
      this.firstArgument = args[0];
    } else {
      this.args = args;
      this.firstArgument = null;
    }
  }

  /**
   * The arguments as expressions read them at the call's end: the kept array, or the thread's
   * scratch array holding the first argument (cleared again by {@link ThreadState#release}).
   */
  final Object[] arguments() {
    return args != null ? args : state.firstArgument(firstArgument);
  }

  /** The execution this frame belongs to (for an execution frame, itself). */
  abstract ExecutionContext context();

  double elapsedMs(long endNanos) {
    return (endNanos - startNanos) / 1_000_000.0;
  }
}
