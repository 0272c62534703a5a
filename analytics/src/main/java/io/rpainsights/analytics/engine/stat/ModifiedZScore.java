package io.rpainsights.analytics.engine.stat;

/**
 * Iglewicz &amp; Hoaglin's modified z-score, {@code M = 0.6745·(x − median)/MAD}; |M| &gt; 3.5
 * marks an outlier. The constant makes MAD a consistent estimator of σ for normal data.
 *
 * <p>When more than half the values are equal MAD is 0; then, as IBM's SPSS documentation of the
 * same score does, {@code M = (x − median)/(1.253314·MeanAD)}, where 1.253314 ≈ √(π/2) makes the
 * mean absolute deviation consistent for σ. When that is 0 too (all values equal) there is no
 * spread to measure against and the score is NaN: callers skip it rather than flag every change.
 */
public final class ModifiedZScore {
  /** Φ⁻¹(0.75): MAD·(1/0.6745) estimates σ for normal data. */
  public static final double MAD_FACTOR = 0.6745;

  /** √(π/2): MeanAD·1.253314 estimates σ for normal data. */
  public static final double MEAN_AD_FACTOR = 1.253314;

  /** Iglewicz &amp; Hoaglin's recommended outlier threshold. */
  public static final double DEFAULT_THRESHOLD = 3.5;

  private ModifiedZScore() {}

  public static double score(double x, RobustScale scale) {
    if (scale.mad() > 0) {
      return MAD_FACTOR * (x - scale.median()) / scale.mad();
    }
    if (scale.meanAbsDev() > 0) {
      return (x - scale.median()) / (MEAN_AD_FACTOR * scale.meanAbsDev());
    }
    return Double.NaN;
  }
}
