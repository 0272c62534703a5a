package io.rpainsights.analytics.store;

/**
 * A problem with what the user asked for (unknown workflow, malformed duration, missing file, a
 * database that is not an RPA Insights store): reported as one line and exit code 2, never as a
 * stack trace. Anything else that goes wrong is a bug and travels as an ordinary exception.
 */
public final class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
