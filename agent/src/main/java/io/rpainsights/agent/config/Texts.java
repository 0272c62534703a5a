package io.rpainsights.agent.config;

/** Renders user-supplied text inside one-line messages. */
public final class Texts {

  /** Longer values are cut: a message line should stay readable. */
  private static final int MAX_SHOWN = 80;

  private Texts() {}

  /** {@code 'text'} with line breaks and other control characters escaped, cut when long. */
  public static String quote(String text) {
    return "'" + oneLine(text, MAX_SHOWN) + "'";
  }

  /** Escapes control characters so that {@code text} cannot break a log line. */
  static String oneLine(String text) {
    return oneLine(text, Integer.MAX_VALUE);
  }

  private static String oneLine(String text, int limit) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), limit) + 8);
    for (int i = 0; i < text.length(); i++) {
      if (out.length() >= limit) {
        out.append("...");
        break;
      }
      char c = text.charAt(i);
      if (c == '\n') {
        out.append("\\n");
      } else if (c == '\r') {
        out.append("\\r");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
