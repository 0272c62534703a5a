package io.rpainsights.analytics.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects rows into groups — by day and key for the rollup, by key alone for a window read from
 * the rows — and turns each group into a {@link RunChunk}. Running executions are skipped: they
 * have no outcome yet.
 */
final class RunGrouper {
  /** A group: the day (or {@link #NO_DAY}) and the kind's three key parts. */
  record Key(long day, String k1, String k2, String k3) {}

  static final long NO_DAY = Long.MIN_VALUE;

  private final boolean byDay;
  private final Map<Key, Builder> groups = new HashMap<>();

  RunGrouper(boolean byDay) {
    this.byDay = byDay;
  }

  void add(SourceRow r) {
    if (r.running()) {
      return;
    }
    long day = byDay ? Math.floorDiv(r.startedAt(), Rollup.DAY_MS) : NO_DAY;
    groups.computeIfAbsent(new Key(day, r.k1(), r.k2(), r.k3()), k -> new Builder()).add(r);
  }

  boolean isEmpty() {
    return groups.isEmpty();
  }

  /** Every group's runs, durations ascending. */
  Map<Key, RunChunk> chunks() {
    Map<Key, RunChunk> out = new HashMap<>();
    groups.forEach((k, b) -> out.put(k, b.build()));
    return out;
  }

  /** The runs of one group in arrival order. */
  private static final class Builder {
    private double[] durations = new double[16];
    private long[] starts = new long[16];
    private int[] steps = new int[16];
    private List<String> errors;
    private int n;

    void add(SourceRow r) {
      if (n == durations.length) {
        durations = Arrays.copyOf(durations, n * 2);
        starts = Arrays.copyOf(starts, n * 2);
        steps = Arrays.copyOf(steps, n * 2);
      }
      if (r.errorType() != null && errors == null) {
        errors = new ArrayList<>(n + 1);
        for (int i = 0; i < n; i++) {
          errors.add(null);
        }
      }
      if (errors != null) {
        errors.add(r.errorType());
      }
      durations[n] = r.durationMs();
      starts[n] = r.startedAt();
      steps[n] = r.stepNumber();
      n++;
    }

    RunChunk build() {
      return RunChunk.sortedFrom(
          Arrays.copyOf(durations, n),
          Arrays.copyOf(starts, n),
          Arrays.copyOf(steps, n),
          errors == null ? null : errors.toArray(new String[0]));
    }
  }
}
