package io.rpainsights.sample.vision;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpainsights.sample.simulation.Sleeper;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DetectorTest {

  private final List<Double> sleeps = new ArrayList<>();
  private final Sleeper recording = sleeps::add;

  @Test
  void sameCaptureGivesTheSameDetectionAndTheSameLatency() {
    OcrDetector ocr = OcrDetector.cloudVision(recording);
    Screenshot shot = new Screenshot("region:a", 12345L, false);

    Detection first = ocr.detectText(shot);
    Detection second = ocr.detectText(shot);

    assertThat(first).isEqualTo(second);
    assertThat(sleeps).hasSize(2);
    assertThat(sleeps.get(0)).isEqualTo(sleeps.get(1));
  }

  @Test
  void meteredOcrBillsTokensOnAMissButNothingFromItsCache() {
    OcrDetector cloud = OcrDetector.cloudVision(Sleeper.none());

    Detection miss = cloud.detectText(new Screenshot("r", 7L, false));
    Detection hit = cloud.detectText(new Screenshot("r", 7L, true));

    assertThat(miss.fromCache()).isFalse();
    assertThat(miss.usage().totalTokens())
        .isEqualTo(miss.usage().inputTokens() + miss.usage().outputTokens())
        .isBetween(480 + 12, 480 + 639 + 12 + 89);
    assertThat(hit.fromCache()).isTrue();
    assertThat(hit.usage()).isEqualTo(TokenUsage.NONE);
  }

  @Test
  void localEnginesNeverBillTokens() {
    SplittableRandom random = new SplittableRandom(4);
    OcrDetector tesseract = OcrDetector.tesseract(Sleeper.none());
    TemplateDetector templates = TemplateDetector.standard(Sleeper.none());
    for (int i = 0; i < 200; i++) {
      Screenshot shot = Screenshot.capture("r", random);
      assertThat(tesseract.detectText(shot).usage().totalTokens()).isZero();
      assertThat(templates.detectElement(shot, "#x").usage().totalTokens()).isZero();
    }
  }

  @Test
  void cacheHitsAreMuchFasterThanRealDetections() {
    TemplateDetector templates = TemplateDetector.standard(recording);
    SplittableRandom random = new SplittableRandom(9);
    List<Double> hits = new ArrayList<>();
    List<Double> misses = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      Screenshot shot = Screenshot.capture("r", random);
      templates.detectElement(shot, "#x");
      (shot.unchanged() ? hits : misses).add(sleeps.get(sleeps.size() - 1));
    }

    assertThat(mean(misses)).isGreaterThan(4 * mean(hits));
    // About a quarter of captures find the region unchanged.
    assertThat(hits.size() / 2000.0).isBetween(0.2, 0.3);
  }

  @Test
  void providersAreNamed() {
    Vision vision = Vision.standard(Sleeper.none());

    assertThat(vision.ocr().providerName()).isEqualTo("cloud-vision");
    assertThat(vision.fallbackOcr().providerName()).isEqualTo("tesseract");
    assertThat(vision.templates().providerName()).isEqualTo("template-matcher");
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }
}
