package io.rpainsights.agent.instrument;

import io.rpainsights.agent.collect.AgentHealth;
import io.rpainsights.agent.config.Expression;
import io.rpainsights.agent.config.ExpressionProblems;
import io.rpainsights.agent.log.AgentLog;

/**
 * One expression of one rule, as evaluated on application threads: it reports problems once per
 * rule and expression, counts them in the agent's health, and switches itself off after {@link
 * #GIVE_UP_AFTER} consecutive failures so that a getter that always throws stops costing the host.
 */
final class Extractor implements ExpressionProblems {

  static final int GIVE_UP_AFTER = 100;

  private final Expression expression;
  private final String ruleDescription;
  private final String incident;
  private final AgentHealth health;

  // Racy by design: several threads may update them at once; an occasional lost update only
  // delays or hastens giving up by a few calls.
  private volatile boolean disabled;
  private int consecutiveFailures;

  Extractor(Expression expression, String ruleDescription, int ruleId, AgentHealth health) {
    this.expression = expression;
    this.ruleDescription = ruleDescription;
    this.incident = "rule " + ruleId + " " + expression.text();
    this.health = health;
  }

  Expression expression() {
    return expression;
  }

  Object value(Object self, Object[] args, Object returned, Throwable thrown) {
    if (disabled) {
      return null;
    }
    int failuresBefore = consecutiveFailures;
    Object value = expression.evaluate(self, args, returned, thrown, this);
    if (failuresBefore > 0 && consecutiveFailures == failuresBefore) {
      consecutiveFailures = 0;
    }
    return value;
  }

  String text(Object self, Object[] args, Object returned, Throwable thrown) {
    return textOf(value(self, args, returned, thrown));
  }

  /**
   * The string form of a value this expression yielded. Its {@code toString()} is the application's
   * code and may throw: then the text is null, reported like a getter that threw.
   */
  String textOf(Object value) {
    if (value == null || value instanceof String) {
      return (String) value;
    }
    try {
      return String.valueOf(value);
    } catch (Throwable failure) {
      accessFailed(expression, value.getClass(), "toString()", failure);
      return null;
    }
  }

  @Override
  public void memberMissing(Expression failed, Class<?> type, String member) {
    health.extractorError();
    AgentLog.warnOnce(
        incident,
        ruleDescription
            + ": "
            + failed.text()
            + ": "
            + type.getName()
            + " has no accessible member '"
            + member
            + "'; the value is null");
  }

  @Override
  public void accessFailed(Expression failed, Class<?> type, String member, Throwable cause) {
    health.extractorError();
    if (++consecutiveFailures >= GIVE_UP_AFTER && !disabled) {
      disabled = true;
      AgentLog.error(
          ruleDescription
              + ": "
              + failed.text()
              + " failed "
              + GIVE_UP_AFTER
              + " times in a row; it is switched off and yields null",
          cause);
      return;
    }
    AgentLog.errorOnce(
        incident,
        ruleDescription + ": " + failed.text() + ": " + type.getName() + "." + member + " threw",
        cause);
  }
}
