package io.rpainsights.sample.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rpainsights.sample.ActionTypes;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FaultModelTest {

  private static final int DRAWS = 200_000;

  private static Map<FaultKind, Integer> histogram(FaultModel model, String actionType) {
    SplittableRandom random = new SplittableRandom(23);
    Map<FaultKind, Integer> counts = new EnumMap<>(FaultKind.class);
    for (int i = 0; i < DRAWS; i++) {
      Fault fault = model.draw(actionType, "#t", random);
      if (fault != null) {
        counts.merge(fault.kind(), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** Five binomial standard deviations around n·p. */
  private static void assertNear(int count, double p) {
    double mean = DRAWS * p;
    double tolerance = 5 * Math.sqrt(DRAWS * p * (1 - p));
    assertThat((double) count).isBetween(mean - tolerance, mean + tolerance);
  }

  @Test
  void navigationTimesOutAndRarelyCrashesAtTheTablesRates() {
    Map<FaultKind, Integer> counts =
        histogram(
            ProbabilisticFaultModel.forScenario(Scenario.named("default").orElseThrow()),
            ActionTypes.NAVIGATE);

    assertThat(counts.keySet())
        .containsExactlyInAnyOrder(FaultKind.PAGE_LOAD_TIMEOUT, FaultKind.APPLICATION_CRASHED);
    assertNear(counts.get(FaultKind.PAGE_LOAD_TIMEOUT), 0.03);
    assertNear(counts.get(FaultKind.APPLICATION_CRASHED), 0.004);
  }

  @Test
  void demoScalesFaultRatesAndCapsPersistenceAtOne() {
    ProbabilisticFaultModel demo =
        ProbabilisticFaultModel.forScenario(Scenario.named("demo").orElseThrow());

    assertNear(
        histogram(demo, ActionTypes.API_CALL).get(FaultKind.SERVICE_UNAVAILABLE), 0.045 * 1.6);
    assertThat(demo.specsFor(ActionTypes.OCR))
        .singleElement()
        .satisfies(spec -> assertThat(spec.persistence()).isEqualTo(1.0));
  }

  @Test
  void faultCarriesTheTargetInItsMessage() {
    FaultModel model =
        new ProbabilisticFaultModel(
            Map.of(ActionTypes.TYPE, List.of(new FaultSpec(FaultKind.INPUT_REJECTED, 1.0, 0.25))),
            new FaultSpec(FaultKind.ELEMENT_NOT_INTERACTABLE, 0.0, 0.0));

    assertThat(model.draw(ActionTypes.TYPE, "#email", new SplittableRandom(1)))
        .isEqualTo(
            new Fault(FaultKind.INPUT_REJECTED, "field rejected the typed value: #email", 0.25));
    assertThat(model.draw(ActionTypes.CLICK, "#email", new SplittableRandom(1))).isNull();
    assertThat(model.drawAfterHeal(ActionTypes.CLICK, "#email", new SplittableRandom(1))).isNull();
  }

  @Test
  void probabilitiesOfOneActionTypeMayNotExceedOne() {
    assertThatThrownBy(
            () ->
                new ProbabilisticFaultModel(
                    Map.of(
                        ActionTypes.TYPE,
                        List.of(
                            new FaultSpec(FaultKind.INPUT_REJECTED, 0.7, 0),
                            new FaultSpec(FaultKind.ELEMENT_NOT_FOUND, 0.4, 0))),
                    new FaultSpec(FaultKind.ELEMENT_NOT_INTERACTABLE, 0.1, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("type");
  }

  @Test
  void everyDrawConsumesExactlyOneNumberWhateverItsOutcome() {
    FaultModel model = ProbabilisticFaultModel.forScenario(Scenario.named("demo").orElseThrow());
    SplittableRandom used = new SplittableRandom(8);
    SplittableRandom reference = new SplittableRandom(8);
    for (int i = 0; i < 1000; i++) {
      model.draw(ActionTypes.CLICK, "#x", used);
      reference.nextDouble();
    }

    assertThat(used.nextLong()).isEqualTo(reference.nextLong());
  }
}
