package io.rpainsights.sample.actions;

/** No element matches the step's selector. */
public final class ElementNotFoundException extends AutomationException {

  private static final long serialVersionUID = 1L;

  public ElementNotFoundException(String message) {
    super(message);
  }
}
