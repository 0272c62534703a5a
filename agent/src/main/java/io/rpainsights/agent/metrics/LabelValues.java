package io.rpainsights.agent.metrics;

/**
 * Turns a value read from the application (a workflow id, a node id, an action type...) into a
 * label value every Prometheus tool can carry: at most {@value #MAX_CODE_POINTS} code points, no
 * control characters, and valid Unicode. The store keeps the value as it was; only metrics see this
 * form.
 *
 * <ul>
 *   <li>Control characters (U+0000 to U+001F, U+007F to U+009F) and unpaired surrogates become
 *       U+FFFD. The client escapes only a line feed, so a NUL or CR would reach every scraper,
 *       dashboard and alert as it is (a NUL ends a C string, a CR ends a line for many readers);
 *       and an unpaired surrogate has no UTF-8 form, so the client would write {@code ?} for it.
 *   <li>A longer value keeps its first {@value #KEPT_CODE_POINTS} code points (never half a
 *       surrogate pair), then {@code …#} and eight hex digits of the FNV-1a 32-bit hash of the
 *       whole value's UTF-8 bytes. Two ids that share a long prefix stay two series, and the hash
 *       can be recomputed from the stored id to find which one a label stands for.
 * </ul>
 *
 * Stateless; called on the flusher thread for every label value, so a value that needs nothing (the
 * usual case) costs one scan and no allocation.
 */
final class LabelValues {

  /** The longest label value, in code points, marker included. */
  static final int MAX_CODE_POINTS = 256;

  static final String TRUNCATED = "\u2026#";
  static final char REPLACEMENT = '\uFFFD';

  /** Code points kept of a longer value: the rest of the limit holds the marker and the hash. */
  static final int KEPT_CODE_POINTS = MAX_CODE_POINTS - TRUNCATED.length() - 8;

  private LabelValues() {}

  /** {@code value} itself when it is fine as a label value, else its safe form. */
  static String safe(String value) {
    if (value.length() <= MAX_CODE_POINTS && !needsReplacing(value)) {
      return value;
    }
    int total = value.codePointCount(0, value.length());
    int kept = total <= MAX_CODE_POINTS ? total : KEPT_CODE_POINTS;
    StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_CODE_POINTS * 2));
    int i = 0;
    for (int n = 0; n < kept; n++) {
      int codePoint = value.codePointAt(i);
      i += Character.charCount(codePoint);
      if (isControl(codePoint) || isSurrogate(codePoint)) {
        out.append(REPLACEMENT);
      } else {
        out.appendCodePoint(codePoint);
      }
    }
    if (kept < total) {
      String hash = Integer.toHexString(fnv1a32(value));
      out.append(TRUNCATED).append("00000000", hash.length(), 8).append(hash);
    }
    return out.toString();
  }

  private static boolean needsReplacing(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (isControl(c)) {
        return true;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isControl(int codePoint) {
    return codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f);
  }

  /** {@link String#codePointAt} yields an unpaired surrogate as itself. */
  private static boolean isSurrogate(int codePoint) {
    return codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE;
  }

  /**
   * FNV-1a, 32 bits, over the UTF-8 encoding of {@code value} (an unpaired surrogate encoded as
   * U+FFFD), computed without encoding the value into a new array.
   */
  static int fnv1a32(String value) {
    int hash = 0x811c9dc5;
    for (int i = 0; i < value.length(); ) {
      int codePoint = value.codePointAt(i);
      i += Character.charCount(codePoint);
      if (isSurrogate(codePoint)) {
        codePoint = REPLACEMENT;
      }
      if (codePoint < 0x80) {
        hash = (hash ^ codePoint) * 0x01000193;
      } else if (codePoint < 0x800) {
        hash = (hash ^ (0xc0 | codePoint >> 6)) * 0x01000193;
        hash = (hash ^ (0x80 | codePoint & 0x3f)) * 0x01000193;
      } else if (codePoint < 0x10000) {
        hash = (hash ^ (0xe0 | codePoint >> 12)) * 0x01000193;
        hash = (hash ^ (0x80 | codePoint >> 6 & 0x3f)) * 0x01000193;
        hash = (hash ^ (0x80 | codePoint & 0x3f)) * 0x01000193;
      } else {
        hash = (hash ^ (0xf0 | codePoint >> 18)) * 0x01000193;
        hash = (hash ^ (0x80 | codePoint >> 12 & 0x3f)) * 0x01000193;
        hash = (hash ^ (0x80 | codePoint >> 6 & 0x3f)) * 0x01000193;
        hash = (hash ^ (0x80 | codePoint & 0x3f)) * 0x01000193;
      }
    }
    return hash;
  }
}
