package io.rpainsights.agent.store;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;

/**
 * The UTF-8 bytes of text values the store writes over and over (workflow, node and action names,
 * statuses; the execution ids within one batch), so that binding them allocates nothing.
 *
 * <p>Why: sqlite-jdbc encodes every {@code String} parameter into a fresh byte array at each bind,
 * which made the flusher the agent's largest allocator (about 40 % of its bytes under load, and
 * allocation is what grows a quiet application's heap and RSS). A cached array bound as a BLOB and
 * {@code CAST(? AS TEXT)} in the statement stores exactly the TEXT value the string would have:
 * SQLite reads the blob's bytes as text in the database's encoding, so the cache is used only when
 * that encoding is UTF-8 ({@link SqliteStore} checks).
 *
 * <p>Bounded: when {@code capacity} distinct values have been cached, the cache starts afresh, so a
 * workload with unbounded distinct names costs one encoding per value, as without it; a value
 * longer than {@value #MAX_CACHED_LENGTH} characters is encoded each time and never kept. Not
 * thread-safe; the store uses it under its monitor.
 */
final class Utf8Cache {

  static final int MAX_CACHED_LENGTH = 256;

  private final int capacity;
  private final HashMap<String, byte[]> encoded;

  Utf8Cache(int capacity) {
    this.capacity = capacity;
    this.encoded = new HashMap<>(capacity * 4 / 3 + 1);
  }

  /** The UTF-8 bytes of {@code text}; null for null. The array must not be modified. */
  byte[] bytes(String text) {
    if (text == null) {
      return null;
    }
    if (text.length() > MAX_CACHED_LENGTH) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    byte[] bytes = encoded.get(text);
    if (bytes == null) {
      if (encoded.size() >= capacity) {
        encoded.clear();
      }
      bytes = text.getBytes(StandardCharsets.UTF_8);
      encoded.put(text, bytes);
    }
    return bytes;
  }

  /** Forgets every value (keeps the table, so refilling it allocates only the entries). */
  void clear() {
    encoded.clear();
  }

  int size() {
    return encoded.size();
  }
}
