package io.rpainsights.sample.healing;

import io.rpainsights.sample.Node;

/** Re-runs the action straight away: helps against transient faults only. */
final class RetryStrategy implements RecoveryStrategy {

  @Override
  public String name() {
    return "retry";
  }

  @Override
  public boolean attempt(RecoveryContext context, Node node, String error) {
    return context.rerunAction(1.0);
  }
}
