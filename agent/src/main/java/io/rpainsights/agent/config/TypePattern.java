package io.rpainsights.agent.config;

/**
 * Which classes a rule names, by binary name ({@code com.x.Outer$Inner}; an exact name may also
 * write a nested class as source does, {@code com.x.Outer.Inner}): a fully qualified name in which
 * {@code *} matches any characters within one package segment or class name (it does not cross a
 * '.', but it does cross a '$'), {@code **} matches any characters including '.', and a trailing
 * {@code +} means "this type and every subtype or implementation".
 *
 * <p>Only names are matched here: for a {@code +} pattern the instrumenter applies {@link #matches}
 * to the class and to the names of its supertypes. {@code **} is plain "any characters", so {@code
 * com.**.Node} matches {@code com.a.Node} but not {@code com.Node}. Immutable and thread-safe.
 */
public final class TypePattern {

  private final String text;
  private final boolean includesSubtypes;
  private final String exactName;
  private final Glob glob;

  private TypePattern(String text, boolean includesSubtypes, String exactName, Glob glob) {
    this.text = text;
    this.includesSubtypes = includesSubtypes;
    this.exactName = exactName;
    this.glob = glob;
  }

  /**
   * Parses a type pattern.
   *
   * @throws IllegalArgumentException with a one-phrase reason when {@code text} is null, empty, or
   *     not a pattern of Java identifiers, dots and wildcards (e.g. {@code "com..x"}, {@code
   *     "com.x+y"}, a segment starting with a digit, or only wildcards)
   */
  public static TypePattern of(String text) {
    if (text == null) {
      throw new IllegalArgumentException("type pattern is missing");
    }
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("type pattern is empty");
    }
    boolean subtypes = trimmed.endsWith("+");
    String body = subtypes ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    if (body.isEmpty()) {
      throw new IllegalArgumentException("'+' needs a type name before it");
    }
    validate(trimmed, body);
    boolean wildcard = body.indexOf('*') >= 0;
    return new TypePattern(trimmed, subtypes, wildcard ? null : body, Glob.compile(body, true));
  }

  private static void validate(String whole, String body) {
    int segmentStart = 0;
    for (int i = 0; i <= body.length(); i++) {
      char c = i < body.length() ? body.charAt(i) : '.';
      if (c == '.') {
        if (i == segmentStart) {
          throw new IllegalArgumentException(
              Texts.quote(whole)
                  + " has an empty name segment (two dots, or a dot at the start or end)");
        }
        segmentStart = i + 1;
      } else if (c == '*') {
        if (i + 2 < body.length() && body.charAt(i + 1) == '*' && body.charAt(i + 2) == '*') {
          throw new IllegalArgumentException(
              Texts.quote(whole)
                  + " has '***'; use '*' (within a segment) or '**' (across segments)");
        }
      } else if (c == '+') {
        throw new IllegalArgumentException(Texts.quote(whole) + ": '+' is allowed only at the end");
      } else if (Character.isWhitespace(c)) {
        throw new IllegalArgumentException(Texts.quote(whole) + " contains whitespace");
      } else if (!Character.isJavaIdentifierPart(c) || Character.isIdentifierIgnorable(c)) {
        throw new IllegalArgumentException(
            Texts.quote(whole)
                + " contains "
                + Texts.quote(String.valueOf(c))
                + ", which cannot appear in a class name");
      } else {
        if (i == segmentStart && !Character.isJavaIdentifierStart(c)) {
          throw new IllegalArgumentException(
              Texts.quote(whole)
                  + " has a name segment starting with "
                  + Texts.quote(String.valueOf(c)));
        }
      }
    }
  }

  /** Whether the binary class name (e.g. {@code com.x.Outer$Inner}) matches, ignoring '+'. */
  public boolean matches(String binaryClassName) {
    if (binaryClassName == null) {
      return false;
    }
    return exactName != null
        ? sameClassName(exactName, binaryClassName)
        : glob.matches(binaryClassName);
  }

  /**
   * A nested class may be named as Java source writes it ({@code com.x.Outer.Inner}) as well as by
   * its binary name ({@code com.x.Outer$Inner}): both are "fully qualified names" to a user.
   * Compared in place, without allocating, because it runs for every class loaded.
   */
  private static boolean sameClassName(String written, String binaryClassName) {
    if (written.length() != binaryClassName.length()) {
      return false;
    }
    for (int i = 0; i < written.length(); i++) {
      char w = written.charAt(i);
      char b = binaryClassName.charAt(i);
      if (w != b && !(w == '.' && b == '$')) {
        return false;
      }
    }
    return true;
  }

  /** True for a trailing {@code +}: subtypes and implementations of matching types match too. */
  public boolean includesSubtypes() {
    return includesSubtypes;
  }

  /** The class name when the pattern has no wildcard (without any {@code +}), else null. */
  public String exactName() {
    return exactName;
  }

  /** The pattern as written (trimmed). */
  public String text() {
    return text;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TypePattern && ((TypePattern) other).text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
