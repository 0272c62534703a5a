package io.rpainsights.sample.actions;

/** The element was found but cannot receive the action (covered, disabled). */
public final class ElementNotInteractableException extends AutomationException {

  private static final long serialVersionUID = 1L;

  public ElementNotInteractableException(String message) {
    super(message);
  }
}
