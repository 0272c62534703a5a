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
          "[0:0:0:0:0:0:0:1]:8080",
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
  void anIpv6LoopbackServerAcceptsItsAddressInEveryNotation() throws Exception {
    HostCheck check = new HostCheck(InetAddress.getByName("::1"), "::1");
    for (String host :
        new String[] {
          "[::1]",
          "[::1]:18435",
          "[0:0:0:0:0:0:0:1]",
          "[0:0:0:0:0:0:0:1]:18435",
          "[0000:0000:0000:0000:0000:0000:0000:0001]:1",
          "[0::0:1]",
          "[::ffff:127.0.0.1]:80",
          "127.0.0.1:18435",
          "localhost:18435"
        }) {
      assertThatCode(() -> check.check(host)).as(host).doesNotThrowAnyException();
    }
  }

  @Test
  void anIpv6LoopbackServerStillRefusesRebindingNamesAndOtherAddresses() throws Exception {
    HostCheck check = new HostCheck(InetAddress.getByName("::1"), "0:0:0:0:0:0:0:1");
    for (String host :
        new String[] {
          "evil.example:18435",
          "[::1].evil.example",
          "[::1]evil.example:80",
          "[::2]:18435",
          "[0:0:0:0:0:0:0:2]",
          "[::]:18435",
          "[::1%25lo]:18435",
          "[fe80::1]",
          "[::1:18435",
          "[]:80",
          "[localhost]",
          "::1",
          "0:0:0:0:0:0:0:1",
          // A name that /etc/hosts may map to ::1: names are matched, never looked up.
          "ip6-localhost:18435"
        }) {
      assertThatThrownBy(() -> check.check(host))
          .as(host)
          .isInstanceOfSatisfying(
              HttpError.class,
              e -> org.assertj.core.api.Assertions.assertThat(e.status()).isEqualTo(403));
    }
  }

  @Test
  void theRefusalNamesWhatIsAccepted() throws Exception {
    assertThatThrownBy(
            () -> new HostCheck(InetAddress.getByName("::1"), "::1").check("evil.example"))
        .hasMessage(
            "requests must address this loopback server as localhost, 127.0.0.1 or [::1] (any"
                + " loopback address), not 'evil.example'");
    assertThatThrownBy(
            () ->
                new HostCheck(InetAddress.getByName("127.0.0.1"), "my-loopback-alias")
                    .check("evil.example:80"))
        .hasMessage(
            "requests must address this loopback server as localhost, my-loopback-alias,"
                + " 127.0.0.1 or [::1] (any loopback address), not 'evil.example'");
  }

  @Test
  void aServerBoundElsewhereLeavesNamesToItsToken() throws Exception {
    HostCheck check = new HostCheck(InetAddress.getByName("0.0.0.0"), "0.0.0.0");
    assertThatCode(() -> check.check("bot-host.corp.example:8080")).doesNotThrowAnyException();
  }
}
