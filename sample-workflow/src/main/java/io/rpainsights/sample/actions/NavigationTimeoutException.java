package io.rpainsights.sample.actions;

/** A page did not finish loading in time. */
public final class NavigationTimeoutException extends AutomationException {

  private static final long serialVersionUID = 1L;

  public NavigationTimeoutException(String message) {
    super(message);
  }
}
