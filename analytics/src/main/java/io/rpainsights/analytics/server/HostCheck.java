package io.rpainsights.analytics.server;

import java.net.InetAddress;
import java.util.Locale;

/**
 * Defends a loopback server against DNS rebinding: a web page from {@code evil.example} whose name
 * is re-pointed at 127.0.0.1 could otherwise read the API from the victim's browser, because the
 * browser considers that same-origin. A browser always sends the name it used as {@code Host}, so a
 * loopback server answers only requests addressed to a loopback name or address (any port: SSH
 * forwarding changes it). A server bound to another address is reached under names it cannot know,
 * and relies on its token instead.
 */
final class HostCheck {
  private final boolean loopbackOnly;
  private final String configuredHost;
  private final String refusal;

  HostCheck(InetAddress bound, String configuredHost) {
    this.loopbackOnly = bound.isLoopbackAddress();
    this.configuredHost = configuredHost.toLowerCase(Locale.ROOT);
    // A configured name (not an address) is accepted as it is written; say so.
    boolean name = !this.configuredHost.equals("localhost") && !isLiteral(this.configuredHost);
    this.refusal =
        "requests must address this loopback server as localhost, "
            + (name ? configuredHost + ", " : "")
            + "127.0.0.1 or [::1] (any loopback address), not ";
  }

  /**
   * @throws HttpError 403 when a loopback server is addressed under another name
   */
  void check(String hostHeader) {
    if (!loopbackOnly || hostHeader == null) {
      return; // clients other than browsers may send none (HTTP/1.0); browsers always do
    }
    String host = hostName(hostHeader.trim().toLowerCase(Locale.ROOT));
    if (host.equals("localhost")
        || host.endsWith(".localhost")
        || host.equals(configuredHost)
        || isLoopbackIPv4(host)
        || isLoopbackIPv6(host)) {
      return;
    }
    throw new HttpError(403, refusal + StrictDecoder.quote(host));
  }

  /** The host without its port; a bracketed literal followed by anything but a port is kept. */
  private static String hostName(String hostHeader) {
    if (hostHeader.startsWith("[")) {
      int end = hostHeader.indexOf(']');
      boolean portOnly = end > 0 && hostHeader.substring(end + 1).matches("(:\\d*)?");
      return portOnly ? hostHeader.substring(0, end + 1) : hostHeader;
    }
    int colon = hostHeader.indexOf(':');
    return colon < 0 ? hostHeader : hostHeader.substring(0, colon);
  }

  /**
   * An IP literal cannot be rebound: a page from another origin cannot make a browser send it. So
   * every spelling of a loopback address is accepted ({@code [0:0:0:0:0:0:0:1]} as well as {@code
   * [::1]}), compared as an address; names are compared as text and never looked up.
   */
  private static boolean isLoopbackIPv6(String host) {
    InetAddress address = IpLiterals.parseBracketed(host);
    return address != null && address.isLoopbackAddress();
  }

  private static boolean isLiteral(String host) {
    return host.contains(":") || host.matches("[0-9.]+");
  }

  private static boolean isLoopbackIPv4(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals("127")) {
      return false;
    }
    for (String p : parts) {
      if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }
}
