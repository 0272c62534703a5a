package io.rpainsights.sample.vision;

import io.rpainsights.sample.simulation.Lognormal;
import java.util.SplittableRandom;

/** Latency profiles shared by the detectors: a cache hit is a hash lookup, a miss real work. */
final class DetectorLatency {

  static final Lognormal CACHE_HIT = new Lognormal(0.15, 0.20);

  private DetectorLatency() {}

  /**
   * The random a detector uses for one capture: seeded from the content hash and the provider, so
   * the same capture gives the same answer and different providers disagree.
   */
  static SplittableRandom forCapture(Screenshot screenshot, String providerName) {
    return new SplittableRandom(screenshot.contentHash() ^ ((long) providerName.hashCode() << 17));
  }
}
