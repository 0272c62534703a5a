package io.rpainsights.sample.actions;

/** A waited-for condition did not become true before the deadline. */
public final class ConditionTimeoutException extends AutomationException {

  private static final long serialVersionUID = 1L;

  public ConditionTimeoutException(String message) {
    super(message);
  }
}
