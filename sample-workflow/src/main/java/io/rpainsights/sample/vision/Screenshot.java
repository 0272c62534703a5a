package io.rpainsights.sample.vision;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A simulated capture of one screen region. Its content hash stands in for the pixels: detectors
 * derive everything they report from it, so a detection is a pure function of the capture.
 *
 * @param unchanged the region looks exactly as at the previous capture, so a detector may answer
 *     from its cache
 */
public record Screenshot(String region, long contentHash, boolean unchanged) {

  /** How often a region has not changed since the bot last looked at it. */
  static final double UNCHANGED_PROBABILITY = 0.25;

  public Screenshot {
    Objects.requireNonNull(region, "region");
  }

  /** Captures {@code region}; consumes one long and one uniform number from {@code random}. */
  public static Screenshot capture(String region, SplittableRandom random) {
    long hash = random.nextLong();
    boolean unchanged = random.nextDouble() < UNCHANGED_PROBABILITY;
    return new Screenshot(region, hash, unchanged);
  }
}
