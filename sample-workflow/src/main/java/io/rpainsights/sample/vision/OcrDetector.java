package io.rpainsights.sample.vision;

import io.rpainsights.sample.simulation.Lognormal;
import io.rpainsights.sample.simulation.Sleeper;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Reads text from a screen region, either through a metered cloud vision model (which bills tokens)
 * or a local OCR engine. An unchanged region is answered from the cache, quickly and for free.
 * Thread-safe: it keeps no state between calls.
 */
public final class OcrDetector {

  private final String providerName;
  private final Lognormal latency;
  private final boolean metered;
  private final Sleeper sleeper;

  public OcrDetector(String providerName, Lognormal latency, boolean metered, Sleeper sleeper) {
    this.providerName = Objects.requireNonNull(providerName, "providerName");
    this.latency = Objects.requireNonNull(latency, "latency");
    this.metered = metered;
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** The cloud vision model the bot uses first. */
  public static OcrDetector cloudVision(Sleeper sleeper) {
    return new OcrDetector("cloud-vision", new Lognormal(4.0, 0.40), true, sleeper);
  }

  /** The local engine that self-healing falls back to: slower, free. */
  public static OcrDetector tesseract(Sleeper sleeper) {
    return new OcrDetector("tesseract", new Lognormal(6.0, 0.30), false, sleeper);
  }

  public String providerName() {
    return providerName;
  }

  /** Recognises the text in the captured region. */
  public Detection detectText(Screenshot screenshot) {
    SplittableRandom random = DetectorLatency.forCapture(screenshot, providerName);
    String text = String.format("%s:%08X", screenshot.region(), random.nextInt());
    double confidence = 0.55 + 0.45 * random.nextDouble();
    if (screenshot.unchanged()) {
      sleeper.sleep(DetectorLatency.CACHE_HIT.sampleMs(random));
      return new Detection(text, confidence, true, TokenUsage.NONE);
    }
    sleeper.sleep(latency.sampleMs(random));
    // A region image costs a few hundred input tokens; the answer is short.
    TokenUsage usage =
        metered
            ? new TokenUsage(480 + random.nextInt(640), 12 + random.nextInt(90))
            : TokenUsage.NONE;
    return new Detection(text, confidence, false, usage);
  }
}
