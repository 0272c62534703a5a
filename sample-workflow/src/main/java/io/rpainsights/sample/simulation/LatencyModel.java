package io.rpainsights.sample.simulation;

import io.rpainsights.sample.ActionTypes;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * How long a step's own work takes: a lognormal per action type (medians of a few milliseconds),
 * times the scenario's degradation for the degraded step once its run index is reached, times a
 * spike factor for a small share of steps. Detector calls and recovery waits come on top.
 */
public final class LatencyModel {

  /** Medians and log-scale spreads per action type; page loads and API calls vary the most. */
  static final Map<String, Lognormal> PROFILES =
      Map.of(
          ActionTypes.NAVIGATE, new Lognormal(4.0, 0.45),
          ActionTypes.CLICK, new Lognormal(1.2, 0.35),
          ActionTypes.TYPE, new Lognormal(1.5, 0.35),
          ActionTypes.EXTRACT, new Lognormal(2.0, 0.40),
          ActionTypes.OCR, new Lognormal(1.0, 0.30),
          ActionTypes.WAIT, new Lognormal(2.5, 0.50),
          ActionTypes.API_CALL, new Lognormal(3.0, 0.50),
          ActionTypes.SUB_WORKFLOW, new Lognormal(0.3, 0.20),
          ActionTypes.PARALLEL, new Lognormal(0.3, 0.20));

  private final double spikeProbability;
  private final double spikeFactor;
  private final Degradation degradation;
  private final int degradationStart;

  /** The model for {@code scenario} when {@code runs} executions run in all. */
  public LatencyModel(Scenario scenario, int runs) {
    Objects.requireNonNull(scenario, "scenario");
    this.spikeProbability = scenario.spikeProbability();
    this.spikeFactor = scenario.spikeFactor();
    this.degradation = scenario.degradation();
    this.degradationStart = degradation == null ? Integer.MAX_VALUE : degradation.startIndex(runs);
  }

  /**
   * Draws one step's work time. Always consumes one Gaussian and one uniform number, spike or not,
   * so the rest of the run's choices do not shift with the outcome.
   */
  public double sampleMs(
      String workflowId, String nodeId, String actionType, int runIndex, SplittableRandom random) {
    double base = profile(actionType).sampleMs(random);
    boolean spike = random.nextDouble() < spikeProbability;
    return base * slowdown(workflowId, nodeId, runIndex) * (spike ? spikeFactor : 1.0);
  }

  /** The modelled median (spikes aside) of a step in the execution with this run index. */
  public double medianMs(String workflowId, String nodeId, String actionType, int runIndex) {
    return profile(actionType).medianMs() * slowdown(workflowId, nodeId, runIndex);
  }

  /** The degradation factor for a step in a given run: 1 unless it is the degraded step, late. */
  public double slowdown(String workflowId, String nodeId, int runIndex) {
    if (degradation != null
        && runIndex >= degradationStart
        && degradation.affects(workflowId, nodeId)) {
      return degradation.factor();
    }
    return 1.0;
  }

  /** The latency profile of an action type. */
  public static Lognormal profile(String actionType) {
    Lognormal profile = PROFILES.get(actionType);
    if (profile == null) {
      throw new IllegalArgumentException("no latency profile for action type " + actionType);
    }
    return profile;
  }
}
