package io.rpainsights.agent.instrument;

import io.rpainsights.agent.collect.AgentHealth;
import io.rpainsights.agent.config.Expression;
import io.rpainsights.agent.config.Role;
import io.rpainsights.agent.config.Rule;
import java.util.Map;

/** A config rule prepared for the hot path: its expressions as {@link Extractor}s, in arrays. */
final class CompiledRule {

  final Rule rule;
  final int id;
  final Role role;
  final String description;

  /** Used when the rule has no workflowId expression: {@code <type>.<method>} of the rule. */
  final String defaultWorkflowId;

  final Extractor workflowId;
  final Extractor totalSteps;
  final Extractor nodeId;
  final Extractor actionType;
  final Extractor success;
  final Extractor error;
  final Extractor errorType;
  final Extractor status;
  final Extractor strategy;

  final String timerName;
  final String[] labelNames;
  final Extractor[] labels;

  /** Whether each label reads the call's outcome, and so is evaluated when the call ends. */
  final boolean[] labelAtExit;

  final String[] valueNames;
  final Extractor[] values;

  CompiledRule(Rule rule, AgentHealth health) {
    this.rule = rule;
    this.id = rule.id();
    this.role = rule.role();
    this.description = rule.describe();
    this.defaultWorkflowId = simpleName(rule.type().text()) + "." + rule.method().text();
    this.workflowId = extractor(rule.workflowId(), health);
    this.totalSteps = extractor(rule.totalSteps(), health);
    this.nodeId = extractor(rule.nodeId(), health);
    this.actionType = extractor(rule.actionType(), health);
    this.success = extractor(rule.success(), health);
    this.error = extractor(rule.error(), health);
    this.errorType = extractor(rule.errorType(), health);
    this.status = extractor(rule.status(), health);
    this.strategy = extractor(rule.strategy(), health);
    this.timerName = rule.timerName();
    this.labelNames = rule.labels().keySet().toArray(new String[0]);
    this.labels = extractors(rule.labels(), health);
    this.labelAtExit = new boolean[labels.length];
    for (int i = 0; i < labels.length; i++) {
      Expression label = labels[i].expression();
      labelAtExit[i] = label.usesReturn() || label.usesThrown();
    }
    this.valueNames = rule.values().keySet().toArray(new String[0]);
    this.values = extractors(rule.values(), health);
  }

  private Extractor extractor(Expression expression, AgentHealth health) {
    return expression == null ? null : new Extractor(expression, description, id, health);
  }

  private Extractor[] extractors(Map<String, Expression> expressions, AgentHealth health) {
    Extractor[] result = new Extractor[expressions.size()];
    int i = 0;
    for (Expression expression : expressions.values()) {
      result[i++] = extractor(expression, health);
    }
    return result;
  }

  private static String simpleName(String typePattern) {
    String name =
        typePattern.endsWith("+")
            ? typePattern.substring(0, typePattern.length() - 1)
            : typePattern;
    return name.substring(name.lastIndexOf('.') + 1);
  }
}
