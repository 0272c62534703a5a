package io.rpainsights.analytics.generate;

import io.rpainsights.analytics.store.InvalidInputException;
import java.time.Duration;
import java.time.Instant;

/**
 * What {@link HistoryGenerator} writes.
 *
 * @param executions finished executions to write (plus {@code running} live ones)
 * @param span how far back the history reaches from {@code end}
 * @param workflows how many workflows share the executions
 * @param seed the random seed: the same config writes the same rows
 * @param end the newest instant of the history (usually now)
 * @param degradation whether one step of the first workflow becomes 3× slower near the end
 * @param spikeRate fraction of executions where one step is 8–20× slower than usual
 * @param running executions left running at {@code end}, for the live view
 * @param resourceInterval time between two resource samples
 */
public record GeneratorConfig(
    long executions,
    Duration span,
    int workflows,
    long seed,
    Instant end,
    boolean degradation,
    double spikeRate,
    int running,
    Duration resourceInterval) {

  public GeneratorConfig {
    if (executions < 1) {
      throw new InvalidInputException("--executions must be at least 1");
    }
    if (workflows < 1 || workflows > 10_000) {
      throw new InvalidInputException("--workflows must be between 1 and 10000");
    }
    if (span.isNegative() || span.isZero()) {
      throw new InvalidInputException("--days must be greater than zero");
    }
    if (!(spikeRate >= 0 && spikeRate < 1)) {
      throw new InvalidInputException("spike rate must be in [0, 1)");
    }
  }

  /** The defaults of {@code rpa-insights generate}. */
  public static GeneratorConfig of(
      long executions, Duration span, int workflows, long seed, Instant end) {
    return new GeneratorConfig(
        executions, span, workflows, seed, end, true, 0.005, 3, Duration.ofMinutes(1));
  }

  public GeneratorConfig withSpikeRate(double rate) {
    return new GeneratorConfig(
        executions, span, workflows, seed, end, degradation, rate, running, resourceInterval);
  }

  public GeneratorConfig withDegradation(boolean on) {
    return new GeneratorConfig(
        executions, span, workflows, seed, end, on, spikeRate, running, resourceInterval);
  }
}
