package io.rpainsights.agent.store;

import java.nio.file.Path;

/**
 * The store could not be opened. The message is one line that names the file and says why, fit to
 * print after {@code [rpa-insights]} as it is.
 */
public final class StoreException extends Exception {

  private final Path file;

  public StoreException(Path file, String reason, Throwable cause) {
    super(
        (file == null ? "cannot open the store: " : "cannot open the store " + file + ": ")
            + oneLine(reason),
        cause);
    this.file = file;
  }

  /** The store file the failure is about. */
  public Path file() {
    return file;
  }

  static String oneLine(String text) {
    return text == null ? "unknown reason" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }
}
