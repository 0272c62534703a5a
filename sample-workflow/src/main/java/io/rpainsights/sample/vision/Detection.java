package io.rpainsights.sample.vision;

import java.util.Objects;

/**
 * What a detector found: the recognised text or the element's bounding box, how confident it is,
 * whether the answer came from its cache, and what the call cost in tokens.
 */
public record Detection(String value, double confidence, boolean fromCache, TokenUsage usage) {

  public Detection {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(usage, "usage");
  }
}
