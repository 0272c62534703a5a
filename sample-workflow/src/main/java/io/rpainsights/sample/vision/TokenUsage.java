package io.rpainsights.sample.vision;

/** Tokens a metered vision provider billed for one call; zero for local engines and cache hits. */
public record TokenUsage(int inputTokens, int outputTokens) {

  public static final TokenUsage NONE = new TokenUsage(0, 0);

  public TokenUsage {
    if (inputTokens < 0 || outputTokens < 0) {
      throw new IllegalArgumentException("token counts are never negative");
    }
  }

  public int totalTokens() {
    return inputTokens + outputTokens;
  }
}
