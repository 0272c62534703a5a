package io.rpainsights.analytics.server;

import io.rpainsights.analytics.engine.Analytics;
import io.rpainsights.analytics.engine.perf.GroupBy;
import io.rpainsights.analytics.engine.perf.StatsQuery;
import io.rpainsights.analytics.engine.perf.StatsRow;
import io.rpainsights.analytics.store.TimeRange;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The dashboard's first answer, computed ahead: per-workflow statistics of the last seven days
 * ({@code GET /api/workflows} without parameters). The engine caches an answer over a window
 * relative to now for only {@code relativeWindowTtl} (10 s), after which the next request pays the
 * full computation (≈ 0.3 s on a store of a million executions). This cache recomputes the answer
 * in the background before it gets that old, so a page opened at any time gets it at once.
 *
 * <p>An answer is served while the store's data version is the one it was computed at and it is at
 * most {@link #MAX_AGE} old: the validity rule of the engine's own cache, so the answer is the same
 * one the engine would give. Threads: {@link #refresh} runs on the server's warm-up thread; {@link
 * #get} on request threads; the snapshot is published through a volatile field.
 */
final class HeadlineCache {
  /** Served answers are at most this old, like the engine's cache for relative windows. */
  static final Duration MAX_AGE = Duration.ofSeconds(10);

  /** Recomputed once this old, so that {@link #MAX_AGE} is never reached while idle. */
  static final Duration REFRESH_AFTER = Duration.ofSeconds(7);

  static final StatsQuery QUERY =
      new StatsQuery(null, TimeRange.last(Duration.ofDays(7)), GroupBy.WORKFLOW, null);

  private record Snapshot(long dataVersion, long computedAtNanos, List<StatsRow> rows) {}

  private final Analytics analytics;
  private final Clock clock;
  private volatile Snapshot snapshot;

  HeadlineCache(Analytics analytics, Clock clock) {
    this.analytics = analytics;
    this.clock = clock;
  }

  /** Whether {@code since}/{@code until} as given in a request ask for the default window. */
  static boolean isDefault(String since, String until) {
    return until == null && (since == null || since.trim().equalsIgnoreCase("7d"));
  }

  /** The headline rows: the snapshot while valid, else the engine's (cached) answer. */
  List<StatsRow> get() {
    Snapshot s = snapshot;
    if (s != null
        && System.nanoTime() - s.computedAtNanos <= MAX_AGE.toNanos()
        && s.dataVersion == analytics.store().dataVersion()) {
      return s.rows;
    }
    return analytics.stats().stats(QUERY);
  }

  /** Recomputes the snapshot when data changed or it is getting old; a no-op otherwise. */
  void refresh() {
    Snapshot s = snapshot;
    // Read before computing: a commit during the computation then makes the snapshot stale.
    long version = analytics.store().dataVersion();
    long start = System.nanoTime();
    if (s != null
        && s.dataVersion == version
        && start - s.computedAtNanos < REFRESH_AFTER.toNanos()) {
      return;
    }
    List<StatsRow> rows = analytics.stats().compute(QUERY, QUERY.range().resolve(clock.instant()));
    snapshot = new Snapshot(version, start, List.copyOf(rows));
  }
}
