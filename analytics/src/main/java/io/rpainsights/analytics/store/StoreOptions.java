package io.rpainsights.analytics.store;

import java.time.Duration;

/**
 * How a {@link Store} is opened.
 *
 * @param cacheEntries results kept by the query cache; 0 turns caching off (benchmarks of the query
 *     path itself)
 * @param relativeWindowTtl how long an answer over a window relative to now stays valid when no row
 *     has arrived (the window still slides)
 * @param busyTimeout how long a connection waits for a lock held by the writer
 * @param pageCacheKib SQLite page cache per read connection
 */
public record StoreOptions(
    int cacheEntries, Duration relativeWindowTtl, Duration busyTimeout, int pageCacheKib) {

  public static StoreOptions defaults() {
    return new StoreOptions(256, Duration.ofSeconds(10), Duration.ofSeconds(10), 65_536);
  }

  public StoreOptions withoutCache() {
    return new StoreOptions(0, relativeWindowTtl, busyTimeout, pageCacheKib);
  }
}
