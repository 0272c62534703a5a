package io.rpainsights.sample.vision;

import io.rpainsights.sample.simulation.Lognormal;
import io.rpainsights.sample.simulation.Sleeper;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Finds a UI element on a capture by template matching (a local engine: no tokens). Clicks use it
 * to locate their element, self-healing to try an alternative selector. Thread-safe: no state.
 */
public final class TemplateDetector {

  private static final String PROVIDER = "template-matcher";

  private final Lognormal latency;
  private final Sleeper sleeper;

  public TemplateDetector(Lognormal latency, Sleeper sleeper) {
    this.latency = Objects.requireNonNull(latency, "latency");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** The template matcher with its usual latency. */
  public static TemplateDetector standard(Sleeper sleeper) {
    return new TemplateDetector(new Lognormal(1.0, 0.30), sleeper);
  }

  public String providerName() {
    return PROVIDER;
  }

  /** Locates the element that {@code selector} names on the capture; returns its bounding box. */
  public Detection detectElement(Screenshot screenshot, String selector) {
    Objects.requireNonNull(selector, "selector");
    SplittableRandom random = DetectorLatency.forCapture(screenshot, PROVIDER + selector);
    String box =
        String.format(
            "%d,%d,%d,%d",
            random.nextInt(1600),
            random.nextInt(900),
            40 + random.nextInt(200),
            16 + random.nextInt(40));
    double confidence = 0.7 + 0.3 * random.nextDouble();
    boolean cached = screenshot.unchanged();
    sleeper.sleep((cached ? DetectorLatency.CACHE_HIT : latency).sampleMs(random));
    return new Detection(box, confidence, cached, TokenUsage.NONE);
  }
}
