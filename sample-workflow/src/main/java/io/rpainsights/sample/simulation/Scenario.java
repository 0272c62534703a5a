package io.rpainsights.sample.simulation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The knobs of one simulated situation: how often steps spike and by how much, which step degrades,
 * how often faults happen and how stubborn they are, and how well the self-healing strategies work.
 *
 * @param spikeProbability chance that one step's latency is multiplied by {@code spikeFactor}
 * @param degradation the step that slows down part-way through the run, or null for none
 * @param faultScale multiplies every fault probability of the base fault table
 * @param persistenceScale multiplies every fault's persistence (the chance that a plain retry meets
 *     the same fault again), capped at 1
 * @param alternativeSelectorSuccess chance that an alternative selector finds the element
 * @param alternativeEngineSuccess chance that the fallback OCR engine reads a region the primary
 *     could not
 * @param maxRecoveryAttempts self-healing attempts allowed for one failed step, in-step ones
 *     included
 */
public record Scenario(
    String name,
    String description,
    double spikeProbability,
    double spikeFactor,
    Degradation degradation,
    double faultScale,
    double persistenceScale,
    double alternativeSelectorSuccess,
    double alternativeEngineSuccess,
    int maxRecoveryAttempts) {

  /** The step that the degradation scenarios slow down: a field read that starts to time out. */
  public static final Degradation INVOICE_TOTAL_SLOWDOWN =
      new Degradation("invoice-processing", "extract-invoice-total", 3.0, 0.6);

  private static final Map<String, Scenario> BY_NAME = catalog();

  public Scenario {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    requireProbability("spikeProbability", spikeProbability);
    requireProbability("alternativeSelectorSuccess", alternativeSelectorSuccess);
    requireProbability("alternativeEngineSuccess", alternativeEngineSuccess);
    if (!(spikeFactor >= 1) || !(faultScale >= 0) || !(persistenceScale >= 0)) {
      throw new IllegalArgumentException(
          "scenario " + name + ": spikeFactor >= 1, faultScale >= 0, persistenceScale >= 0");
    }
    if (maxRecoveryAttempts < 0) {
      throw new IllegalArgumentException("scenario " + name + ": maxRecoveryAttempts >= 0");
    }
  }

  /** The scenario with this name, if there is one. */
  public static Optional<Scenario> named(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** Every scenario name, in the order the CLI documents them. */
  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  private static Map<String, Scenario> catalog() {
    Scenario base =
        new Scenario(
            "default",
            "several workflows with ordinary latencies, failures and recoveries, rare spikes",
            0.01,
            10.0,
            null,
            1.0,
            1.0,
            0.75,
            0.8,
            2);
    Map<String, Scenario> byName = new LinkedHashMap<>();
    byName.put(base.name(), base);
    byName.put(
        "degradation",
        new Scenario(
            "degradation",
            "invoice-processing/extract-invoice-total becomes 3x slower after 60% of the runs",
            base.spikeProbability(),
            base.spikeFactor(),
            INVOICE_TOTAL_SLOWDOWN,
            base.faultScale(),
            base.persistenceScale(),
            base.alternativeSelectorSuccess(),
            base.alternativeEngineSuccess(),
            base.maxRecoveryAttempts()));
    byName.put(
        "spikes",
        new Scenario(
            "spikes",
            "frequent latency spikes: 5% of the steps take 12x longer",
            0.05,
            12.0,
            null,
            base.faultScale(),
            base.persistenceScale(),
            base.alternativeSelectorSuccess(),
            base.alternativeEngineSuccess(),
            base.maxRecoveryAttempts()));
    byName.put(
        "demo",
        new Scenario(
            "demo",
            "degradation and spikes, more faults, and self-healing that often fails",
            0.03,
            12.0,
            INVOICE_TOTAL_SLOWDOWN,
            1.6,
            1.5,
            0.4,
            0.5,
            base.maxRecoveryAttempts()));
    return byName;
  }

  private static void requireProbability(String what, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(what + " must lie in [0, 1], got " + p);
    }
  }
}
