package io.rpainsights.agent.config;

import java.util.Objects;

/**
 * Which methods of a matched type a rule names: a method name in which {@code *} matches any
 * characters, and optionally the number of parameters (the config's {@code args}) to pick
 * overloads. Constructors and static initialisers cannot be named. Immutable and thread-safe.
 */
public final class MethodPattern {

  /** The JVM's limit on the number of parameters of a method. */
  static final int MAX_PARAMETERS = 255;

  private final String text;
  private final Integer arity;
  private final String exactName;
  private final Glob glob;

  private MethodPattern(String text, Integer arity, String exactName, Glob glob) {
    this.text = text;
    this.arity = arity;
    this.exactName = exactName;
    this.glob = glob;
  }

  /**
   * Parses a method name pattern.
   *
   * @param namePattern a method name with optional {@code *} wildcards, e.g. {@code detect*}
   * @param arity the exact number of parameters, or null for any
   * @throws IllegalArgumentException with a one-phrase reason when the name is null, empty or not
   *     an identifier with wildcards, or the arity is outside 0..255
   */
  public static MethodPattern of(String namePattern, Integer arity) {
    if (namePattern == null) {
      throw new IllegalArgumentException("method pattern is missing");
    }
    String trimmed = namePattern.trim();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("method pattern is empty");
    }
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (c == '*') {
        continue;
      }
      if (!Character.isJavaIdentifierPart(c) || Character.isIdentifierIgnorable(c)) {
        throw new IllegalArgumentException(
            Texts.quote(trimmed)
                + " contains "
                + Texts.quote(String.valueOf(c))
                + ", which cannot appear in a method name"
                + (c == '(' || c == '#' || c == '.'
                    ? " (give the parameter count as args: N)"
                    : ""));
      }
    }
    if (!trimmed.startsWith("*") && !Character.isJavaIdentifierStart(trimmed.charAt(0))) {
      throw new IllegalArgumentException(
          Texts.quote(trimmed)
              + " starts with "
              + Texts.quote(trimmed.substring(0, 1))
              + ", which cannot start a name");
    }
    if (arity != null && (arity < 0 || arity > MAX_PARAMETERS)) {
      throw new IllegalArgumentException(
          "args must be a parameter count from 0 to " + MAX_PARAMETERS + ", got " + arity);
    }
    boolean wildcard = trimmed.indexOf('*') >= 0;
    return new MethodPattern(
        trimmed, arity, wildcard ? null : trimmed, wildcard ? Glob.compile(trimmed, false) : null);
  }

  /** Whether a method with this name and number of parameters is named by the pattern. */
  public boolean matches(String methodName, int parameterCount) {
    if (methodName == null || arity != null && arity != parameterCount) {
      return false;
    }
    return exactName != null ? exactName.equals(methodName) : glob.matches(methodName);
  }

  /** The name pattern as written (trimmed), without the arity. */
  public String text() {
    return text;
  }

  /** The required number of parameters, or null when any number matches. */
  public Integer arity() {
    return arity;
  }

  /** The method name when the pattern has no wildcard, else null. */
  public String exactName() {
    return exactName;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof MethodPattern)) {
      return false;
    }
    MethodPattern that = (MethodPattern) other;
    return that.text.equals(text) && Objects.equals(that.arity, arity);
  }

  @Override
  public int hashCode() {
    return text.hashCode() * 31 + (arity == null ? -1 : arity);
  }

  /** {@code name} or {@code name/N} when an arity is given. */
  @Override
  public String toString() {
    return arity == null ? text : text + "/" + arity;
  }
}
