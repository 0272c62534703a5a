package io.rpainsights.sample.healing;

import io.rpainsights.sample.ActionTypes;
import io.rpainsights.sample.Node;
import io.rpainsights.sample.simulation.Scenario;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Tries to save failed steps. Each action type has an escalation plan; attempt n of a step uses the
 * plan's n-th strategy (the last one again when the plan is shorter). One call is one attempt with
 * one strategy. Thread-safe: executions and parallel branches call it concurrently.
 */
public final class SelfHealingEngine {

  private final Map<String, List<RecoveryStrategy>> plans;
  private final LongAdder attempts = new LongAdder();
  private final LongAdder successes = new LongAdder();

  public SelfHealingEngine(Map<String, List<RecoveryStrategy>> plans) {
    this.plans = Map.copyOf(plans);
    this.plans.forEach(
        (type, plan) -> {
          if (plan.isEmpty()) {
            throw new IllegalArgumentException("empty recovery plan for action type " + type);
          }
        });
  }

  /** The engine's plans, with the scenario's odds for the strategies that do not re-run. */
  public static SelfHealingEngine forScenario(Scenario scenario) {
    RecoveryStrategy retry = new RetryStrategy();
    RecoveryStrategy waitAndRetry = new WaitAndRetryStrategy(8.0);
    RecoveryStrategy refresh = new RefreshPageStrategy(5.0);
    RecoveryStrategy altSelector =
        new AlternativeSelectorStrategy(scenario.alternativeSelectorSuccess());
    RecoveryStrategy altEngine = new AlternativeEngineStrategy(scenario.alternativeEngineSuccess());
    return new SelfHealingEngine(
        Map.of(
            ActionTypes.NAVIGATE, List.of(refresh, retry, waitAndRetry),
            ActionTypes.CLICK, List.of(altSelector, waitAndRetry, retry),
            ActionTypes.TYPE, List.of(retry, altSelector),
            ActionTypes.EXTRACT, List.of(retry, altSelector, waitAndRetry),
            ActionTypes.OCR, List.of(altEngine, retry),
            ActionTypes.WAIT, List.of(waitAndRetry, retry),
            ActionTypes.API_CALL, List.of(retry, waitAndRetry, waitAndRetry)));
  }

  /** Whether some strategy applies to this node's action type. */
  public boolean canHeal(Node node) {
    return plans.containsKey(node.actionType());
  }

  /**
   * Makes one recovery attempt for {@code node}, which failed with {@code error}. A crash during a
   * re-run propagates (the attempt failed, and so does the execution).
   */
  public RecoveryResult handleExecutionFailure(RecoveryContext context, Node node, String error) {
    // Counted first: the agent records every call, including one that throws.
    attempts.increment();
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(node, "node");
    List<RecoveryStrategy> plan = plans.get(node.actionType());
    if (plan == null) {
      return new RecoveryResult("none", false);
    }
    RecoveryStrategy strategy = plan.get(Math.min(Math.max(context.attempt(), 1), plan.size()) - 1);
    boolean saved = strategy.attempt(context, node, error);
    if (saved) {
      successes.increment();
    }
    return new RecoveryResult(strategy.name(), saved);
  }

  /** Calls of {@link #handleExecutionFailure} so far, whatever their outcome. */
  public long attempts() {
    return attempts.sum();
  }

  /** Calls that returned success. */
  public long successes() {
    return successes.sum();
  }
}
