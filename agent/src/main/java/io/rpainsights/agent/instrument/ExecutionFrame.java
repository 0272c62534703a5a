package io.rpainsights.agent.instrument;

/** An execution call in progress. */
final class ExecutionFrame extends Frame {

  final ExecutionContext execution;

  ExecutionFrame(
      CompiledRule rule,
      ThreadState state,
      Object identity,
      Object[] args,
      ExecutionContext execution) {
    super(rule, state, identity, execution.startedAt, execution.startNanos, args);
    this.execution = execution;
  }

  @Override
  ExecutionContext context() {
    return execution;
  }
}
