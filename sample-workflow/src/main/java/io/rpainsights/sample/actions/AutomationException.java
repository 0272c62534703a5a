package io.rpainsights.sample.actions;

/**
 * A step failed in a way that self-healing may fix: an element is missing, a page is slow, a
 * service answered 503. The engine catches these; any other exception aborts the execution.
 */
public abstract class AutomationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  protected AutomationException(String message) {
    super(message);
  }
}
