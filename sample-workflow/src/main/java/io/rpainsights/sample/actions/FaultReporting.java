package io.rpainsights.sample.actions;

import io.rpainsights.sample.StepResult;
import io.rpainsights.sample.simulation.Fault;

/**
 * Turns a fault into the way a real engine reports it: UI and network problems as exceptions, bad
 * data (an empty field, an unreadable scan, a rejected input) as a failed result.
 */
final class FaultReporting {

  private FaultReporting() {}

  /** Throws for faults that engines raise; returns a failed result for the others. */
  static StepResult report(Fault fault) {
    String message = fault.message();
    return switch (fault.kind()) {
      case APPLICATION_CRASHED -> throw new ApplicationCrashedException(message);
      case PAGE_LOAD_TIMEOUT -> throw new NavigationTimeoutException(message);
      case ELEMENT_NOT_FOUND -> throw new ElementNotFoundException(message);
      case ELEMENT_NOT_INTERACTABLE -> throw new ElementNotInteractableException(message);
      case CONDITION_TIMEOUT -> throw new ConditionTimeoutException(message);
      case SERVICE_UNAVAILABLE -> throw new ApiCallException(message);
      case INPUT_REJECTED, EMPTY_EXTRACTION, LOW_OCR_CONFIDENCE -> StepResult.failed(message);
    };
  }
}
