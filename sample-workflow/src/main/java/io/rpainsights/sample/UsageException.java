package io.rpainsights.sample;

/** The command line is wrong; the message is the one line the user sees. */
final class UsageException extends Exception {

  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
