package io.rpainsights.analytics.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A small LRU of query results. An entry is valid while the store's data version is the one it was
 * computed at (no commit by any other connection since: {@code PRAGMA data_version}) and, for a
 * window relative to now, while it is younger than the time-to-live, because such a window slides
 * even when no row arrives. Two threads may compute the same entry at once; the last one wins,
 * which is harmless because both computed the same answer.
 */
final class QueryCache {
  private record Entry(long dataVersion, long computedAtMillis, Object value) {}

  private final int capacity;
  private final Map<Object, Entry> entries;

  QueryCache(int capacity) {
    this.capacity = capacity;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Object, Entry> eldest) {
            return size() > QueryCache.this.capacity;
          }
        };
  }

  @SuppressWarnings("unchecked")
  <T> T get(Object key, long dataVersion, long nowMillis, long maxAgeMillis, Supplier<T> compute) {
    if (capacity <= 0) {
      return compute.get();
    }
    Entry entry;
    synchronized (entries) {
      entry = entries.get(key);
    }
    if (entry != null
        && entry.dataVersion == dataVersion
        && nowMillis - entry.computedAtMillis <= maxAgeMillis) {
      return (T) entry.value;
    }
    T value = compute.get();
    synchronized (entries) {
      entries.put(key, new Entry(dataVersion, nowMillis, value));
    }
    return value;
  }

  void clear() {
    synchronized (entries) {
      entries.clear();
    }
  }
}
