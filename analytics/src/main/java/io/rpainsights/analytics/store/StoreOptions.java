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
 * @param writeState whether analytics may keep its own state ({@code analytics_*} tables) in the
 *     store; when false nothing at all is written and baselines are computed per call
 * @param rollups whether windows of a day or more are answered from analytics' per-day rollup
 *     ({@code analytics_rollup_*}, exact; needs {@code writeState} and a writable store) rather
 *     than from the rows; the answers are the same either way
 */
public record StoreOptions(
    int cacheEntries,
    Duration relativeWindowTtl,
    Duration busyTimeout,
    int pageCacheKib,
    boolean writeState,
    boolean rollups) {

  /** The options without the {@code rollups} switch (on), as before it existed. */
  public StoreOptions(
      int cacheEntries,
      Duration relativeWindowTtl,
      Duration busyTimeout,
      int pageCacheKib,
      boolean writeState) {
    this(cacheEntries, relativeWindowTtl, busyTimeout, pageCacheKib, writeState, true);
  }

  public static StoreOptions defaults() {
    return new StoreOptions(
        256, Duration.ofSeconds(10), Duration.ofSeconds(10), 65_536, true, true);
  }

  public StoreOptions withoutCache() {
    return new StoreOptions(0, relativeWindowTtl, busyTimeout, pageCacheKib, writeState, rollups);
  }

  public StoreOptions withoutStateWrites() {
    return new StoreOptions(
        cacheEntries, relativeWindowTtl, busyTimeout, pageCacheKib, false, rollups);
  }

  /** Every answer read from the rows, none from the rollup (benchmarks, checks). */
  public StoreOptions withoutRollups() {
    return new StoreOptions(
        cacheEntries, relativeWindowTtl, busyTimeout, pageCacheKib, writeState, false);
  }
}
