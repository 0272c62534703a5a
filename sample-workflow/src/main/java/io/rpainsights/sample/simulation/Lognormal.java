package io.rpainsights.sample.simulation;

import java.util.SplittableRandom;

/**
 * A lognormal duration in milliseconds, {@code medianMs · e^(sigma · Z)} with Z standard normal:
 * the usual shape of UI and network latencies (never negative, a long right tail). Its median is
 * {@code medianMs} because the median of {@code e^(sigma · Z)} is {@code e^0 = 1}.
 */
public record Lognormal(double medianMs, double sigma) {

  public Lognormal {
    if (!(medianMs > 0) || !(sigma >= 0) || Double.isInfinite(medianMs + sigma)) {
      throw new IllegalArgumentException(
          "a lognormal needs a positive median and a non-negative sigma, got median="
              + medianMs
              + " sigma="
              + sigma);
    }
  }

  /** Draws one duration; consumes exactly one Gaussian from {@code random}. */
  public double sampleMs(SplittableRandom random) {
    return medianMs * Math.exp(sigma * random.nextGaussian());
  }
}
