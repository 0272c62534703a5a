package io.rpainsights.sample.healing;

import io.rpainsights.sample.Node;

/** Reloads the page, then navigates again: clears most stuck page loads. */
final class RefreshPageStrategy implements RecoveryStrategy {

  private final double reloadMedianMs;

  RefreshPageStrategy(double reloadMedianMs) {
    this.reloadMedianMs = reloadMedianMs;
  }

  @Override
  public String name() {
    return "refresh-page";
  }

  @Override
  public boolean attempt(RecoveryContext context, Node node, String error) {
    context.pause(reloadMedianMs);
    return context.rerunAction(0.6);
  }
}
