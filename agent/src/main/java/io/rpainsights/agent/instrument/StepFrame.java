package io.rpainsights.agent.instrument;

/** A step call in progress. */
final class StepFrame extends Frame {

  ExecutionContext execution;
  String nodeId;
  String actionType;
  int stepNumber;

  /** A successful recovery for this node ran while the step was open (written by this thread). */
  boolean recoveredDuring;

  /** An unused frame of this thread; {@link #reset} makes it a step's. */
  StepFrame(ThreadState state) {
    super(state);
  }

  /**
   * Makes this frame the frame of a new step on its thread: a new one, or a finished, queued,
   * never-pending one being reused.
   */
  void reset(
      CompiledRule rule,
      Object identity,
      long startedAt,
      long startNanos,
      Object[] args,
      ExecutionContext execution,
      String nodeId,
      String actionType,
      int stepNumber) {
    set(rule, identity, startedAt, startNanos, args);
    this.parent = null;
    this.execution = execution;
    this.nodeId = nodeId;
    this.actionType = actionType;
    this.stepNumber = stepNumber;
    this.recoveredDuring = false;
  }

  /** Drops what a spare frame would otherwise keep alive until its thread's next step. */
  void clear() {
    parent = null;
    timerAtPush = null;
    identity = null;
    args = null;
    firstArgument = null;
    execution = null;
    nodeId = null;
    actionType = null;
  }

  @Override
  ExecutionContext context() {
    return execution;
  }
}
