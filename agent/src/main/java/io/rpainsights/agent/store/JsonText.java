package io.rpainsights.agent.store;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The JSON objects stored in {@code timers.labels} and {@code timers.vals}: keys in the map's
 * iteration order (a LinkedHashMap keeps the config's order), values as strings or numbers. Written
 * by hand because it is this small, and so the store needs no JSON library on its path.
 */
final class JsonText {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Doubles within ±2^53 that are whole are written without a fraction, as the user wrote them. */
  private static final double EXACT_INTEGER_LIMIT = 9007199254740992d;

  private JsonText() {}

  /** {@code {"k":"v",...}}; a null value becomes JSON null; null keys are skipped. */
  static String stringObject(Map<String, String> map, StringBuilder scratch) {
    return object(map, scratch, JsonText::appendNullableString);
  }

  /** {@code {"k":1.5,...}}; null, NaN and infinities (not JSON numbers) become null. */
  static String numberObject(Map<String, Double> map, StringBuilder scratch) {
    return object(map, scratch, JsonText::appendNumber);
  }

  private static <V> String object(
      Map<String, V> map, StringBuilder scratch, BiConsumer<StringBuilder, V> appendValue) {
    if (map == null) {
      return null;
    }
    scratch.setLength(0);
    scratch.append('{');
    boolean first = true;
    for (Map.Entry<String, V> entry : map.entrySet()) {
      if (entry.getKey() == null) {
        continue;
      }
      if (!first) {
        scratch.append(',');
      }
      first = false;
      appendString(scratch, entry.getKey());
      scratch.append(':');
      appendValue.accept(scratch, entry.getValue());
    }
    return scratch.append('}').toString();
  }

  private static void appendNullableString(StringBuilder out, String text) {
    if (text == null) {
      out.append("null");
    } else {
      appendString(out, text);
    }
  }

  static void appendNumber(StringBuilder out, Double value) {
    if (value == null || value.isNaN() || value.isInfinite()) {
      out.append("null");
      return;
    }
    double v = value;
    if (v == Math.rint(v) && Math.abs(v) < EXACT_INTEGER_LIMIT) {
      out.append((long) v);
    } else {
      out.append(v); // Double.toString: digits, '.', optional E exponent — all valid JSON
    }
  }

  /**
   * A JSON string literal. Besides quote, backslash and control characters, unpaired surrogates are
   * escaped: stored raw they would turn into invalid UTF-8 in the database text.
   */
  static void appendString(StringBuilder out, String text) {
    out.append('"');
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        default:
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            appendUnicodeEscape(out, c);
          } else if (Character.isHighSurrogate(c)) {
            if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
              out.append(c).append(text.charAt(++i));
            } else {
              appendUnicodeEscape(out, c);
            }
          } else if (Character.isLowSurrogate(c)) {
            appendUnicodeEscape(out, c);
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  private static void appendUnicodeEscape(StringBuilder out, char c) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xF])
        .append(HEX[(c >> 8) & 0xF])
        .append(HEX[(c >> 4) & 0xF])
        .append(HEX[c & 0xF]);
  }
}
