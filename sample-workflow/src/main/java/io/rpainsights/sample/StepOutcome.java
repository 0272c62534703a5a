package io.rpainsights.sample;

/**
 * The final classification of one step, by the agent's outcome rules: it succeeded, it failed and
 * self-healing saved it (during the step or right after it), or it failed for good.
 */
public record StepOutcome(Node node, Kind kind, String error) {

  public enum Kind {
    SUCCEEDED,
    RECOVERED,
    FAILED
  }

  /** Completed steps are the ones that succeeded or were recovered. */
  public boolean completed() {
    return kind != Kind.FAILED;
  }
}
