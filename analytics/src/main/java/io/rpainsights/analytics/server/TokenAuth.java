package io.rpainsights.analytics.server;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The optional bearer token. With a token, a request is let in when it carries {@code
 * Authorization: Bearer <token>} or the dashboard's session cookie. A browser cannot add a header
 * to a page load or to an {@code EventSource}, so {@code GET /?token=<token>} once sets an {@code
 * HttpOnly; SameSite=Strict} cookie; its value is an HMAC of the token rather than the token
 * itself, so the browser's cookie store never holds the secret, and it stays valid across server
 * restarts with the same token.
 *
 * <p>Comparisons are constant-time over SHA-256 digests, which also hides the token's length.
 */
final class TokenAuth {
  static final String COOKIE = "rpa_insights_session";

  private final byte[] tokenDigest; // null: no token required
  private final String cookieValue;

  private TokenAuth(String token) {
    if (token == null) {
      this.tokenDigest = null;
      this.cookieValue = null;
    } else {
      this.tokenDigest = sha256(token);
      this.cookieValue = hmac(token, "rpa-insights dashboard session");
    }
  }

  static TokenAuth none() {
    return new TokenAuth(null);
  }

  /** Requires {@code token} (non-blank). */
  static TokenAuth of(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("the token must not be blank");
    }
    return new TokenAuth(token);
  }

  boolean required() {
    return tokenDigest != null;
  }

  /** Whether the request's headers carry the bearer token or the session cookie. */
  boolean admits(Headers headers) {
    if (!required()) {
      return true;
    }
    boolean ok = false;
    List<String> authorization = headers.get("Authorization");
    if (authorization != null) {
      for (String value : authorization) {
        String v = value.trim();
        if (v.length() > 7 && v.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
          ok |= matches(v.substring(7).trim());
        }
      }
    }
    List<String> cookies = headers.get("Cookie");
    if (cookies != null) {
      for (String header : cookies) {
        for (String part : header.split(";")) {
          String p = part.trim();
          if (p.startsWith(COOKIE + "=")) {
            ok |= constantTimeEquals(p.substring(COOKIE.length() + 1), cookieValue);
          }
        }
      }
    }
    return ok;
  }

  /** Whether {@code candidate} is the token. */
  boolean matches(String candidate) {
    return required() && candidate != null && MessageDigest.isEqual(sha256(candidate), tokenDigest);
  }

  /** The {@code Set-Cookie} value that admits a browser from now on. */
  String sessionCookie() {
    return COOKIE + "=" + cookieValue + "; Path=/; HttpOnly; SameSite=Strict";
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(sha256(a), sha256(b));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String hmac(String key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }
}
