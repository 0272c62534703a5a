package io.rpainsights.analytics.generate;

import io.rpainsights.analytics.store.Durations;
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

  /**
   * The most executions one run writes: their ids are zero-padded to 7 digits so that they sort in
   * the order they started, and 10 million make a store of about 10 GB in about 10 minutes.
   */
  public static final long MAX_EXECUTIONS = 10_000_000L;

  /** The longest history: the longest duration any command takes ({@link Durations#MAX}). */
  public static final Duration MAX_SPAN = Durations.MAX;

  public GeneratorConfig {
    if (executions < 1 || executions > MAX_EXECUTIONS) {
      throw new InvalidInputException(
          "--executions must be between 1 and " + MAX_EXECUTIONS + " (got " + executions + ")");
    }
    if (workflows < 1 || workflows > 10_000) {
      throw new InvalidInputException("--workflows must be between 1 and 10000");
    }
    if (span.isNegative() || span.isZero()) {
      throw new InvalidInputException("--days must be greater than zero");
    }
    if (span.compareTo(MAX_SPAN) > 0) {
      throw new InvalidInputException(
          "--days must be at most " + MAX_SPAN.toDays() + " (got " + span.toDays() + ")");
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
