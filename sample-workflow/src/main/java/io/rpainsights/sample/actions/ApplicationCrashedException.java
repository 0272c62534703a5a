package io.rpainsights.sample.actions;

/**
 * The automated application died under the bot. Not an {@link AutomationException}: nothing can
 * heal it, so it propagates out of the step and out of every enclosing execution.
 */
public final class ApplicationCrashedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ApplicationCrashedException(String message) {
    super(message);
  }
}
