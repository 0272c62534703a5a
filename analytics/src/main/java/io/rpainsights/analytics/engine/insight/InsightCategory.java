package io.rpainsights.analytics.engine.insight;

/**
 * The kinds of insight, each with how easy acting on it usually is (0..1): the ease half of {@code
 * priority = impact × ease}.
 */
public enum InsightCategory {
  DEGRADATION("degradation", 0.9, "a recent regression usually has one cause to find and revert"),
  INEFFECTIVE_RECOVERY(
      "ineffective-recovery", 0.9, "changing a self-healing strategy is a configuration change"),
  LOW_SUCCESS_RATE(
      "low-success-rate", 0.6, "failures cluster on a few error types that can be handled"),
  DOMINANT_BOTTLENECK(
      "dominant-bottleneck", 0.5, "speeding up one step usually needs a design change"),
  HIGH_VARIABILITY(
      "high-variability", 0.5, "unpredictable steps usually wait on something external"),
  SLOW_TAIL("slow-p99-tail", 0.4, "rare slow runs need their common cause found first"),
  RESOURCE_BOUND("resource-bound", 0.3, "relieving resource pressure needs capacity or code work");

  private final String id;
  private final double ease;
  private final String easeReason;

  InsightCategory(String id, double ease, String easeReason) {
    this.id = id;
    this.ease = ease;
    this.easeReason = easeReason;
  }

  /** The category as it appears in JSON ({@code slow-p99-tail}). */
  public String id() {
    return id;
  }

  public double ease() {
    return ease;
  }

  public String easeReason() {
    return easeReason;
  }
}
