package io.rpainsights.sample.simulation;

import io.rpainsights.sample.ActionTypes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Faults drawn from a per-action-type table: every attempt consumes exactly one uniform number,
 * which falls into at most one fault's probability band.
 */
public final class ProbabilisticFaultModel implements FaultModel {

  /** The ordinary table; scenarios scale its probabilities and persistences. */
  static final Map<String, List<FaultSpec>> BASE_TABLE =
      Map.of(
          ActionTypes.NAVIGATE,
              List.of(
                  new FaultSpec(FaultKind.PAGE_LOAD_TIMEOUT, 0.03, 0.4),
                  new FaultSpec(FaultKind.APPLICATION_CRASHED, 0.004, 0.0)),
          ActionTypes.CLICK,
              List.of(
                  new FaultSpec(FaultKind.ELEMENT_NOT_FOUND, 0.07, 0.6),
                  new FaultSpec(FaultKind.ELEMENT_NOT_INTERACTABLE, 0.01, 0.3)),
          ActionTypes.TYPE, List.of(new FaultSpec(FaultKind.INPUT_REJECTED, 0.03, 0.5)),
          ActionTypes.EXTRACT, List.of(new FaultSpec(FaultKind.EMPTY_EXTRACTION, 0.04, 0.6)),
          ActionTypes.OCR, List.of(new FaultSpec(FaultKind.LOW_OCR_CONFIDENCE, 0.06, 0.7)),
          ActionTypes.WAIT, List.of(new FaultSpec(FaultKind.CONDITION_TIMEOUT, 0.02, 0.5)),
          ActionTypes.API_CALL, List.of(new FaultSpec(FaultKind.SERVICE_UNAVAILABLE, 0.045, 0.5)));

  /** After a healed selector: the element it found is covered this often. */
  static final FaultSpec BASE_AFTER_HEAL =
      new FaultSpec(FaultKind.ELEMENT_NOT_INTERACTABLE, 0.12, 0.3);

  private final Map<String, List<FaultSpec>> table;
  private final FaultSpec afterHeal;

  public ProbabilisticFaultModel(Map<String, List<FaultSpec>> table, FaultSpec afterHeal) {
    this.table = Map.copyOf(table);
    this.afterHeal = Objects.requireNonNull(afterHeal, "afterHeal");
    this.table.forEach(
        (type, specs) -> {
          double total = specs.stream().mapToDouble(FaultSpec::probability).sum();
          if (total > 1.0) {
            throw new IllegalArgumentException(
                "fault probabilities for " + type + " add up to " + total + " > 1");
          }
        });
  }

  /** The base table with the scenario's fault rate and persistence applied. */
  public static ProbabilisticFaultModel forScenario(Scenario scenario) {
    Map<String, List<FaultSpec>> scaled =
        BASE_TABLE.entrySet().stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    Map.Entry::getKey,
                    e -> e.getValue().stream().map(spec -> scale(spec, scenario)).toList()));
    return new ProbabilisticFaultModel(scaled, scale(BASE_AFTER_HEAL, scenario));
  }

  private static FaultSpec scale(FaultSpec spec, Scenario scenario) {
    return new FaultSpec(
        spec.kind(),
        Math.min(1.0, spec.probability() * scenario.faultScale()),
        Math.min(1.0, spec.persistence() * scenario.persistenceScale()));
  }

  @Override
  public Fault draw(String actionType, String target, SplittableRandom random) {
    double u = random.nextDouble();
    for (FaultSpec spec : table.getOrDefault(actionType, List.of())) {
      if (u < spec.probability()) {
        return new Fault(spec.kind(), spec.kind().describe(target), spec.persistence());
      }
      u -= spec.probability();
    }
    return null;
  }

  @Override
  public Fault drawAfterHeal(String actionType, String target, SplittableRandom random) {
    if (random.nextDouble() < afterHeal.probability()) {
      return new Fault(
          afterHeal.kind(), afterHeal.kind().describe(target), afterHeal.persistence());
    }
    return null;
  }

  /** The rows for one action type (empty when that type never faults). */
  public List<FaultSpec> specsFor(String actionType) {
    return table.getOrDefault(actionType, List.of());
  }
}
