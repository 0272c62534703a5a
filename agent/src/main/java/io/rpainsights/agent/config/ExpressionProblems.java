package io.rpainsights.agent.config;

/**
 * Where {@link Expression#evaluate} reports what went wrong while it yields null, so the caller can
 * log, count or switch off an extractor. Called on application threads: implementations must be
 * cheap and thread-safe; whatever they throw is swallowed.
 */
public interface ExpressionProblems {

  /** Ignores every report. */
  ExpressionProblems IGNORE =
      new ExpressionProblems() {
        @Override
        public void memberMissing(Expression expression, Class<?> type, String member) {}

        @Override
        public void accessFailed(
            Expression expression, Class<?> type, String member, Throwable cause) {}
      };

  /**
   * {@code type} has no accessible member for the step {@code member} ({@code "name"} or {@code
   * "name()"}). Reported once per step of the expression and runtime class: the resolution is
   * cached, later calls on the same class yield null silently.
   */
  void memberMissing(Expression expression, Class<?> type, String member);

  /** Reading {@code member} of a {@code type} threw {@code cause} (reported on every such call). */
  void accessFailed(Expression expression, Class<?> type, String member, Throwable cause);
}
