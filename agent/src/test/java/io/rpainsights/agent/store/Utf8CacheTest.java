package io.rpainsights.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8CacheTest {

  @Test
  void aRepeatedValueGetsTheSameArrayHoldingItsUtf8Bytes() {
    Utf8Cache cache = new Utf8Cache(8);
    byte[] first = cache.bytes("prüfen-✓");
    assertThat(first).isEqualTo("prüfen-✓".getBytes(StandardCharsets.UTF_8));
    assertThat(cache.bytes(new String("prüfen-✓"))).isSameAs(first);
    assertThat(cache.bytes(null)).isNull();
  }

  @Test
  void aLongValueIsEncodedButNeverKept() {
    Utf8Cache cache = new Utf8Cache(8);
    String text = "ü".repeat(Utf8Cache.MAX_CACHED_LENGTH + 1);
    assertThat(cache.bytes(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    assertThat(cache.size()).isZero();
  }

  @Test
  void itNeverHoldsMoreThanItsCapacity() {
    Utf8Cache cache = new Utf8Cache(3);
    for (int i = 0; i < 100; i++) {
      assertThat(cache.bytes("node-" + i))
          .isEqualTo(("node-" + i).getBytes(StandardCharsets.UTF_8));
      assertThat(cache.size()).isBetween(1, 3);
    }
    cache.clear();
    assertThat(cache.size()).isZero();
  }
}
