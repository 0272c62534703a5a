package io.rpainsights.agent.instrument;

/** A step call in progress. */
final class StepFrame extends Frame {

  final ExecutionContext execution;
  final String nodeId;
  final String actionType;
  final int stepNumber;

  /** A successful recovery for this node ran while the step was open (written by this thread). */
  boolean recoveredDuring;

  StepFrame(
      CompiledRule rule,
      ThreadState state,
      Object identity,
      long startedAt,
      long startNanos,
      Object[] args,
      ExecutionContext execution,
      String nodeId,
      String actionType,
      int stepNumber) {
    super(rule, state, identity, startedAt, startNanos, args);
    this.execution = execution;
    this.nodeId = nodeId;
    this.actionType = actionType;
    this.stepNumber = stepNumber;
  }

  @Override
  ExecutionContext context() {
    return execution;
  }
}
