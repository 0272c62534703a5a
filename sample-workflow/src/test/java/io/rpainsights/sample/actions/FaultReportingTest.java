package io.rpainsights.sample.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rpainsights.sample.StepResult;
import io.rpainsights.sample.simulation.Fault;
import io.rpainsights.sample.simulation.FaultKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FaultReportingTest {

  @ParameterizedTest
  @EnumSource(
      value = FaultKind.class,
      names = {"INPUT_REJECTED", "EMPTY_EXTRACTION", "LOW_OCR_CONFIDENCE"})
  void badDataIsAFailedResultWithTheFaultsMessage(FaultKind kind) {
    Fault fault = new Fault(kind, kind.describe("#field"), 0.5);

    assertThat(FaultReporting.report(fault)).isEqualTo(StepResult.failed(kind.describe("#field")));
  }

  @ParameterizedTest
  @EnumSource(
      value = FaultKind.class,
      names = {
        "PAGE_LOAD_TIMEOUT",
        "ELEMENT_NOT_FOUND",
        "ELEMENT_NOT_INTERACTABLE",
        "CONDITION_TIMEOUT",
        "SERVICE_UNAVAILABLE"
      })
  void uiAndNetworkProblemsAreHealableExceptions(FaultKind kind) {
    Fault fault = new Fault(kind, kind.describe("#field"), 0.5);

    assertThatThrownBy(() -> FaultReporting.report(fault))
        .isInstanceOf(AutomationException.class)
        .hasMessage(kind.describe("#field"));
  }

  @ParameterizedTest
  @EnumSource(value = FaultKind.class, names = "APPLICATION_CRASHED")
  void crashIsNotAnAutomationFailure(FaultKind kind) {
    Fault fault = new Fault(kind, kind.describe("https://app"), 0.0);

    assertThatThrownBy(() -> FaultReporting.report(fault))
        .isInstanceOf(ApplicationCrashedException.class)
        .isNotInstanceOf(AutomationException.class);
  }
}
