package io.rpainsights.sample.healing;

import io.rpainsights.sample.Node;

/**
 * Backs off (longer on each later attempt), then re-runs the action. Waiting gives slow pages and
 * overloaded services time, so the fault persists only half as often as on a plain retry.
 */
final class WaitAndRetryStrategy implements RecoveryStrategy {

  private final double backoffMedianMs;

  WaitAndRetryStrategy(double backoffMedianMs) {
    this.backoffMedianMs = backoffMedianMs;
  }

  @Override
  public String name() {
    return "wait-and-retry";
  }

  @Override
  public boolean attempt(RecoveryContext context, Node node, String error) {
    context.pause(backoffMedianMs * context.attempt());
    return context.rerunAction(0.5);
  }
}
