package io.rpainsights.analytics.store;

/**
 * The file a long-running reader ({@code serve}, {@code live --follow}) opened is no longer the one
 * at its path: deleted, or replaced by another file. Its connections still read the old file, so
 * every answer would be stale; the command must be started again to read the file now there.
 */
public final class StoreGoneException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreGoneException(String message) {
    super(message);
  }
}
