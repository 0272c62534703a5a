package io.rpainsights.analytics.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rpainsights.analytics.testing.StoreFixture;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The URL the server reports is one a browser can open and that the server's own Host check
 * accepts: IPv6 in its compact form, and for a server on every interface a loopback address. The
 * request goes through {@link HttpClient}, which sends the URL's authority as {@code Host}, as a
 * browser does.
 */
class ServerUriTest {
  @TempDir Path dir;

  private Path store() {
    Path db = dir.resolve("uri.db");
    try (StoreFixture f = StoreFixture.create(db)) {
      f.execution("e1", "w", StoreFixture.ago(Duration.ofHours(1)), 1000.0, "success");
    }
    return db;
  }

  @Test
  void anIpv6LoopbackServerReportsAUrlItAnswers() throws Exception {
    assumeTrue(canBind("::1"), "this machine has no IPv6 loopback");
    Path db = store();
    for (String host : new String[] {"::1", "0:0:0:0:0:0:0:1"}) {
      try (DashboardServer server = start(db, host)) {
        assertThat(server.uri().getHost()).as(host).isEqualTo("[::1]");
        assertThat(server.listensOnAllInterfaces()).isFalse();
        assertThat(get(server.uri().resolve("/api/live")).statusCode()).as(host).isEqualTo(200);
      }
    }
  }

  @Test
  void aServerOnEveryInterfaceReportsALoopbackUrl() throws Exception {
    Path db = store();
    try (DashboardServer server = start(db, "0.0.0.0")) {
      assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
      assertThat(server.listensOnAllInterfaces()).isTrue();
      assertThat(get(server.uri().resolve("/api/live")).statusCode()).isEqualTo(200);
    }
    assumeTrue(canBind("::"), "this machine has no IPv6");
    try (DashboardServer server = start(db, "::")) {
      assertThat(server.uri().getHost()).isEqualTo("[::1]");
      assertThat(server.listensOnAllInterfaces()).isTrue();
      assertThat(get(server.uri().resolve("/api/live")).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void anIpv4LoopbackServerReportsItsAddress() throws Exception {
    try (DashboardServer server = start(store(), "127.0.0.1")) {
      assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
      assertThat(get(server.uri().resolve("/api/live")).statusCode()).isEqualTo(200);
    }
  }

  private static DashboardServer start(Path db, String host) {
    return DashboardServer.start(
        ServerConfig.builder(db)
            .host(host)
            .port(0)
            .clock(StoreFixture.CLOCK)
            .err(new PrintWriter(new StringWriter(), true))
            .build());
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static boolean canBind(String host) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
