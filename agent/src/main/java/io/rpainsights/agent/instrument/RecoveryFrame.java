package io.rpainsights.agent.instrument;

/** A recovery (self-healing) attempt in progress. */
final class RecoveryFrame extends Frame {

  final ExecutionContext execution;
  final String nodeId;

  RecoveryFrame(
      CompiledRule rule,
      ThreadState state,
      long startedAt,
      long startNanos,
      Object[] args,
      ExecutionContext execution,
      String nodeId) {
    super(rule, state, nodeId, startedAt, startNanos, args);
    this.execution = execution;
    this.nodeId = nodeId;
  }

  @Override
  ExecutionContext context() {
    return execution;
  }
}
