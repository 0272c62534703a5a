package io.rpainsights.analytics.server;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IP addresses as the host part of a URL or a {@code Host} header writes them: IPv6 in brackets
 * (RFC 3986 "IP-literal") and in its compact text form (RFC 5952), so that {@code ::1} is printed
 * as a browser would send it back. Nothing here looks up a name.
 */
final class IpLiterals {
  private IpLiterals() {}

  /** {@code 127.0.0.1}, {@code [::1]}, {@code [fe80::1%25eth0]}: the host part of a URL. */
  static String uriHost(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address.getHostAddress();
    }
    String text = address.getHostAddress();
    int percent = text.indexOf('%');
    // RFC 6874: the zone's '%' is itself percent-encoded in a URL.
    String zone = percent < 0 ? "" : "%25" + text.substring(percent + 1);
    return "[" + compact(address.getAddress()) + zone + "]";
  }

  /**
   * The address a bracketed IPv6 literal such as {@code [0:0:0:0:0:0:0:1]} denotes, or null when
   * {@code host} is not one (a name, a zone, or malformed). Never a DNS lookup: only hex digits,
   * colons and dots reach the parser, and inside brackets the JDK accepts nothing but a literal.
   */
  static InetAddress parseBracketed(String host) {
    if (host.length() < 4
        || host.charAt(0) != '['
        || host.charAt(host.length() - 1) != ']'
        || !host.substring(1, host.length() - 1).matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
      return null;
    }
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /**
   * RFC 5952, section 4: lower-case hex without leading zeros, the longest run of two or more zero
   * groups (the first of equally long ones) written {@code ::}.
   */
  private static String compact(byte[] a) {
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
    }
    int best = -1;
    int bestLength = 1; // a single zero group is not shortened
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        best = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == best) {
        s.append("::");
        i += bestLength - 1;
        continue;
      }
      if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
        s.append(':');
      }
      s.append(Integer.toHexString(g[i]));
    }
    return s.toString();
  }
}
