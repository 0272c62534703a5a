package io.rpainsights.sample.vision;

import io.rpainsights.sample.simulation.Sleeper;
import java.util.Objects;

/** The detectors one engine uses: a primary OCR, a fallback OCR and the template matcher. */
public record Vision(OcrDetector ocr, OcrDetector fallbackOcr, TemplateDetector templates) {

  public Vision {
    Objects.requireNonNull(ocr, "ocr");
    Objects.requireNonNull(fallbackOcr, "fallbackOcr");
    Objects.requireNonNull(templates, "templates");
  }

  public static Vision standard(Sleeper sleeper) {
    return new Vision(
        OcrDetector.cloudVision(sleeper),
        OcrDetector.tesseract(sleeper),
        TemplateDetector.standard(sleeper));
  }
}
