package io.rpainsights.analytics.store;

import java.time.Duration;

/**
 * How a {@link Store} is opened.
 *
 * @param cacheEntries results kept by the query cache; 0 turns caching off (benchmarks of the query
 *     path itself)
 * @param relativeWindowTtl how long an answer over a window relative to now stays valid when no row
 *     has arrived (the window still slides)
 * @param busyTimeout how long a connection waits for a lock held by the writer, and how long a
 *     write the user asked for ({@code insights implement}) waits for the store's write lock
 * @param pageCacheKib SQLite page cache per read connection
 * @param writeState whether analytics may keep its own state ({@code analytics_*} tables) in the
 *     store; when false nothing at all is written and baselines are computed per call
 * @param rollups whether windows of a day or more are answered from analytics' per-day rollup
 *     ({@code analytics_rollup_*}, exact; needs {@code writeState} and a writable store) rather
 *     than from the rows; the answers are the same either way
 * @param stateSaveWait how long saving analytics' own state as a side effect of an answer
 *     (baselines, rollup days) may wait for the store's write lock — held by the agent, another
 *     process, or another of our threads — before the save is skipped (the answer is computed
 *     anyway, and a later one saves); after a skip, saves are not tried again for ten times this
 */
public record StoreOptions(
    int cacheEntries,
    Duration relativeWindowTtl,
    Duration busyTimeout,
    int pageCacheKib,
    boolean writeState,
    boolean rollups,
    Duration stateSaveWait) {

  /** The options without {@code stateSaveWait} (the default, 200 ms). */
  public StoreOptions(
      int cacheEntries,
      Duration relativeWindowTtl,
      Duration busyTimeout,
      int pageCacheKib,
      boolean writeState,
      boolean rollups) {
    this(
        cacheEntries,
        relativeWindowTtl,
        busyTimeout,
        pageCacheKib,
        writeState,
        rollups,
        DEFAULT_STATE_SAVE_WAIT);
  }

  /** The options without the {@code rollups} switch (on), as before it existed. */
  public StoreOptions(
      int cacheEntries,
      Duration relativeWindowTtl,
      Duration busyTimeout,
      int pageCacheKib,
      boolean writeState) {
    this(cacheEntries, relativeWindowTtl, busyTimeout, pageCacheKib, writeState, true);
  }

  /**
   * Short against the 10 s busy timeout: an answer never waits longer for the write lock than this
   * (twice: our own lock, then SQLite's), and a request thread is not tied up while the agent or an
   * archive holds the lock for seconds.
   */
  static final Duration DEFAULT_STATE_SAVE_WAIT = Duration.ofMillis(200);

  public static StoreOptions defaults() {
    return new StoreOptions(
        256, Duration.ofSeconds(10), Duration.ofSeconds(10), 65_536, true, true);
  }

  public StoreOptions withoutCache() {
    return new StoreOptions(
        0, relativeWindowTtl, busyTimeout, pageCacheKib, writeState, rollups, stateSaveWait);
  }

  public StoreOptions withoutStateWrites() {
    return new StoreOptions(
        cacheEntries, relativeWindowTtl, busyTimeout, pageCacheKib, false, rollups, stateSaveWait);
  }

  /** Every answer read from the rows, none from the rollup (benchmarks, checks). */
  public StoreOptions withoutRollups() {
    return new StoreOptions(
        cacheEntries,
        relativeWindowTtl,
        busyTimeout,
        pageCacheKib,
        writeState,
        false,
        stateSaveWait);
  }

  /** With another bound on how long a save of analytics' own state waits for the write lock. */
  public StoreOptions withStateSaveWait(Duration wait) {
    return new StoreOptions(
        cacheEntries, relativeWindowTtl, busyTimeout, pageCacheKib, writeState, rollups, wait);
  }
}
