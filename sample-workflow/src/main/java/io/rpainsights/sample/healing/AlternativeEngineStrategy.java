package io.rpainsights.sample.healing;

import io.rpainsights.sample.Node;

/** Reads the region again with the fallback OCR engine, which copes with other kinds of scans. */
final class AlternativeEngineStrategy implements RecoveryStrategy {

  private final double successProbability;

  AlternativeEngineStrategy(double successProbability) {
    this.successProbability = successProbability;
  }

  @Override
  public String name() {
    return "alternative-engine";
  }

  @Override
  public boolean attempt(RecoveryContext context, Node node, String error) {
    context.vision().fallbackOcr().detectText(context.captureScreen(node));
    return context.random().nextDouble() < successProbability;
  }
}
