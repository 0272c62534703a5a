package io.rpainsights.agent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Collects the loader's warnings and builds its fatal errors, formatted as one line each: {@code
 * bot.yaml:7: collector.batchSiz: unknown key, ignored} (file as given, line, key path, message).
 * Control characters from the user's text are escaped so a message never spans lines. Not
 * thread-safe: one per load.
 */
final class Diagnostics {

  static final String DISABLED = "; agent disabled";

  private final List<String> warnings = new ArrayList<>();
  private String file;

  /** Names the config file for the messages that follow. */
  void file(String name) {
    this.file = name;
  }

  String file() {
    return file;
  }

  void warn(String message) {
    warnings.add(Texts.oneLine(message));
  }

  /** A warning about the file: {@code file:line: path: message}. */
  void warn(int line, String path, String message) {
    warnings.add(Texts.oneLine(at(line, path) + message));
  }

  /** A fatal error about the file, to throw: {@code file:line: path: message; agent disabled}. */
  ConfigFailure fatal(int line, String path, String message) {
    return new ConfigFailure(Texts.oneLine(at(line, path) + message + DISABLED));
  }

  static ConfigFailure fatal(String message) {
    return new ConfigFailure(Texts.oneLine(message + DISABLED));
  }

  private String at(int line, String path) {
    StringBuilder out = new StringBuilder(file);
    if (line > 0) {
      out.append(':').append(line);
    }
    out.append(": ");
    if (path != null && !path.isEmpty()) {
      out.append(path).append(": ");
    }
    return out.toString();
  }

  List<String> warnings() {
    return Collections.unmodifiableList(new ArrayList<>(warnings));
  }
}
