package io.rpainsights.analytics.server;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class HostCheckTest {

  @Test
  void aLoopbackServerAcceptsLoopbackNamesOnAnyPort() throws Exception {
    HostCheck check = new HostCheck(InetAddress.getByName("127.0.0.1"), "127.0.0.1");
    for (String host :
        new String[] {
          "127.0.0.1:8080",
          "127.0.0.1",
          "localhost:9000",
          "LOCALHOST",
          "app.localhost:1",
          "[::1]:8080",
          "127.1.2.3:80",
          null
        }) {
      assertThatCode(() -> check.check(host)).as(String.valueOf(host)).doesNotThrowAnyException();
    }
  }

  @Test
  void aLoopbackServerRefusesOtherNames() throws Exception {
    HostCheck check = new HostCheck(InetAddress.getByName("127.0.0.1"), "127.0.0.1");
    for (String host :
        new String[] {
          "evil.example",
          "evil.example:8080",
          "127.0.0.1.evil.example",
          "localhost.evil.example",
          "128.0.0.1",
          "127.0.0.256",
          "10.0.0.1:8080",
          "[::2]:80",
          "127.0.0.1@evil.example"
        }) {
      assertThatThrownBy(() -> check.check(host))
          .as(host)
          .isInstanceOfSatisfying(
              HttpError.class,
              e -> org.assertj.core.api.Assertions.assertThat(e.status()).isEqualTo(403));
    }
  }

  @Test
  void aServerBoundElsewhereLeavesNamesToItsToken() throws Exception {
    HostCheck check = new HostCheck(InetAddress.getByName("0.0.0.0"), "0.0.0.0");
    assertThatCode(() -> check.check("bot-host.corp.example:8080")).doesNotThrowAnyException();
  }
}
