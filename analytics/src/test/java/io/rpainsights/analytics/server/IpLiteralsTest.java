package io.rpainsights.analytics.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Expected texts are RFC 5952's own examples and rules, not this code's output. */
class IpLiteralsTest {

  @Test
  void ipv6IsWrittenInRfc5952CompactFormInBrackets() throws Exception {
    String[][] cases = {
      {"0:0:0:0:0:0:0:1", "[::1]"},
      {"0:0:0:0:0:0:0:0", "[::]"},
      {"2001:0DB8:0000:0000:0000:0000:0000:0001", "[2001:db8::1]"}, // 4.1, 4.3
      {"2001:db8:0:1:1:1:1:1", "[2001:db8:0:1:1:1:1:1]"}, // 4.2.2: one zero group stays
      {"2001:0:0:1:0:0:0:1", "[2001:0:0:1::1]"}, // 4.2.3: the longest run
      {"2001:db8:0:0:1:0:0:1", "[2001:db8::1:0:0:1]"}, // 4.2.3: the first of equal runs
      {"fe80:0:0:0:0:0:0:0", "[fe80::]"}
    };
    for (String[] c : cases) {
      assertThat(IpLiterals.uriHost(InetAddress.getByName(c[0]))).as(c[0]).isEqualTo(c[1]);
    }
    assertThat(IpLiterals.uriHost(InetAddress.getByName("127.0.0.1"))).isEqualTo("127.0.0.1");
  }

  @Test
  void bracketedLiteralsAreParsedAndNamesAreNot() throws Exception {
    assertThat(IpLiterals.parseBracketed("[0:0:0:0:0:0:0:1]"))
        .isEqualTo(InetAddress.getByName("::1"));
    assertThat(IpLiterals.parseBracketed("[::1]")).isEqualTo(InetAddress.getByName("::1"));
    for (String notALiteral :
        new String[] {"localhost", "[localhost]", "[::1", "::1", "[]", "[::1%25lo]", "[1.2.3.4]"}) {
      assertThat(IpLiterals.parseBracketed(notALiteral)).as(notALiteral).isNull();
    }
  }
}
