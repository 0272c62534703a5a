package io.rpainsights.sample.healing;

import io.rpainsights.sample.Node;

/**
 * Looks for the element again through another selector (its label, its neighbours) with the
 * template matcher. Works even when the original selector is broken for good.
 */
final class AlternativeSelectorStrategy implements RecoveryStrategy {

  private final double successProbability;

  AlternativeSelectorStrategy(double successProbability) {
    this.successProbability = successProbability;
  }

  @Override
  public String name() {
    return "alternative-selector";
  }

  @Override
  public boolean attempt(RecoveryContext context, Node node, String error) {
    context
        .vision()
        .templates()
        .detectElement(context.captureScreen(node), node.target() + " >> nearest-label");
    return context.random().nextDouble() < successProbability;
  }
}
