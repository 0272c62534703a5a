package io.rpainsights.analytics.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding that refuses what {@link java.net.URLDecoder} lets through: a malformed escape
 * ({@code %zz}, a lone {@code %}), bytes that are not UTF-8 ({@code %ff}), control characters (NUL,
 * newlines: they would reach log lines and error messages) and raw non-ASCII characters in the
 * request target (a client must percent-encode them).
 */
final class StrictDecoder {
  private StrictDecoder() {}

  /**
   * Decodes one path segment or query component.
   *
   * @param plusIsSpace whether {@code +} means a space (query strings) or itself (paths)
   * @throws HttpError 400 naming {@code what} when the text is malformed
   */
  static String decode(String raw, boolean plusIsSpace, String what) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          throw HttpError.badRequest(what + ": incomplete percent-escape");
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw HttpError.badRequest(what + ": malformed percent-escape");
        }
        bytes.write(hi << 4 | lo);
        i += 2;
      } else if (c < 0x21 || c > 0x7e) {
        throw HttpError.badRequest(what + ": characters outside printable ASCII must be escaped");
      } else {
        bytes.write(plusIsSpace && c == '+' ? ' ' : c);
      }
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray()))
              .toString();
    } catch (CharacterCodingException e) {
      throw HttpError.badRequest(what + ": not valid UTF-8");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c)) {
        throw HttpError.badRequest(what + ": control characters are not allowed");
      }
    }
    return text;
  }

  /** Quotes user input for an error message: at most 80 characters, so errors stay one line. */
  static String quote(String text) {
    String t = text.length() > 80 ? text.substring(0, 77) + "..." : text;
    return "'" + t + "'";
  }
}
