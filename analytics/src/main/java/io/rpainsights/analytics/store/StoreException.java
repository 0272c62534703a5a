package io.rpainsights.analytics.store;

/** A failure of the SQLite store itself (I/O, corruption, a lock that never cleared). */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
