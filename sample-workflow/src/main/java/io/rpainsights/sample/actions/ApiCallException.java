package io.rpainsights.sample.actions;

/** A remote service answered with an error status. */
public final class ApiCallException extends AutomationException {

  private static final long serialVersionUID = 1L;

  public ApiCallException(String message) {
    super(message);
  }
}
