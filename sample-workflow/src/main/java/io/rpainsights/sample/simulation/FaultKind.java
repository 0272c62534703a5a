package io.rpainsights.sample.simulation;

/** The ways a simulated step can go wrong, each with the wording its error message starts with. */
public enum FaultKind {
  PAGE_LOAD_TIMEOUT("page did not finish loading within 30 s: "),
  /** Not an automation failure but a crash: it aborts the whole execution and is never healed. */
  APPLICATION_CRASHED("browser process exited unexpectedly while loading "),
  ELEMENT_NOT_FOUND("no element matches selector "),
  ELEMENT_NOT_INTERACTABLE("element is covered by another element: "),
  INPUT_REJECTED("field rejected the typed value: "),
  EMPTY_EXTRACTION("extraction returned no value for "),
  LOW_OCR_CONFIDENCE("OCR confidence below 0.60 in region "),
  CONDITION_TIMEOUT("condition not met within the deadline: "),
  SERVICE_UNAVAILABLE("HTTP 503 Service Unavailable from ");

  private final String messagePrefix;

  FaultKind(String messagePrefix) {
    this.messagePrefix = messagePrefix;
  }

  /** The fault's error message for a step that works on {@code target}. */
  public String describe(String target) {
    return messagePrefix + target;
  }
}
