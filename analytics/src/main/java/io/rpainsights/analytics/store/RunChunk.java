package io.rpainsights.analytics.store;

import java.util.Arrays;
import java.util.List;

/**
 * Runs of one group, durations ascending (NaN last), each with its start, step number and error
 * type in parallel arrays: one day of one group in the rollup, or a whole window read from the
 * rows. Ascending durations make exact percentiles a merge rather than a sort, and filtering by
 * start keeps the order. Immutable once built; arrays are never handed out for writing.
 */
final class RunChunk {
  static final RunChunk EMPTY = new RunChunk(new double[0], new long[0], null, 0, null);

  final double[] durations;
  final long[] starts;

  /** Per-run step numbers, or null when every run has {@link #stepNumber}. */
  final int[] stepNumbers;

  final int stepNumber;

  /** Per-run error types (null entries allowed), or null when no run has one. */
  final String[] errorTypes;

  /** The earliest and latest start ({@link Long#MAX_VALUE} and MIN_VALUE when empty). */
  private final long minStart;

  private final long maxStart;

  RunChunk(double[] durations, long[] starts, int[] stepNumbers, int stepNumber, String[] errors) {
    this.durations = durations;
    this.starts = starts;
    this.stepNumbers = stepNumbers;
    this.stepNumber = stepNumber;
    this.errorTypes = errors;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long s : starts) {
      min = Math.min(min, s);
      max = Math.max(max, s);
    }
    this.minStart = min;
    this.maxStart = max;
  }

  long minStart() {
    return minStart;
  }

  int size() {
    return durations.length;
  }

  int stepNumberAt(int i) {
    return stepNumbers == null ? stepNumber : stepNumbers[i];
  }

  String errorAt(int i) {
    return errorTypes == null ? null : errorTypes[i];
  }

  long stepNumberSum() {
    if (stepNumbers == null) {
      return (long) stepNumber * durations.length;
    }
    long sum = 0;
    for (int s : stepNumbers) {
      sum += s;
    }
    return sum;
  }

  /** The runs that started in {@code [from, to)}, still ascending; this chunk when all did. */
  RunChunk startedBetween(long from, long to) {
    if (minStart >= from && maxStart < to) {
      return this;
    }
    if (maxStart < from || minStart >= to) {
      return EMPTY;
    }
    int n = durations.length;
    int keep = 0;
    for (long s : starts) {
      if (s >= from && s < to) {
        keep++;
      }
    }
    if (keep == n) {
      return this;
    }
    double[] d = new double[keep];
    long[] st = new long[keep];
    int[] sn = stepNumbers == null ? null : new int[keep];
    String[] er = errorTypes == null ? null : new String[keep];
    int j = 0;
    for (int i = 0; i < n; i++) {
      if (starts[i] >= from && starts[i] < to) {
        d[j] = durations[i];
        st[j] = starts[i];
        if (sn != null) {
          sn[j] = stepNumbers[i];
        }
        if (er != null) {
          er[j] = errorTypes[i];
        }
        j++;
      }
    }
    return new RunChunk(d, st, sn, stepNumber, er);
  }

  /**
   * Builds a chunk from runs in any order: sorts them by duration (stable, so equal durations keep
   * their input order) and compacts constant step numbers and absent error types.
   */
  static RunChunk sortedFrom(
      double[] durations, long[] starts, int[] stepNumbers, String[] errors) {
    int n = durations.length;
    int[] order = RunSort.order(durations);
    double[] d = new double[n];
    long[] st = new long[n];
    int[] sn = new int[n];
    String[] er = new String[n];
    boolean anyError = false;
    for (int i = 0; i < n; i++) {
      int k = order[i];
      d[i] = durations[k];
      st[i] = starts[k];
      sn[i] = stepNumbers == null ? 0 : stepNumbers[k];
      er[i] = errors == null ? null : errors[k];
      anyError |= er[i] != null;
    }
    return compact(d, st, sn, anyError ? er : null);
  }

  /** A chunk over already ascending arrays; constant step numbers are stored once. */
  static RunChunk compact(double[] d, long[] st, int[] sn, String[] er) {
    boolean constant = true;
    for (int i = 1; i < sn.length; i++) {
      if (sn[i] != sn[0]) {
        constant = false;
        break;
      }
    }
    int first = sn.length == 0 ? 0 : sn[0];
    return new RunChunk(d, st, constant ? null : sn, constant ? first : 0, er);
  }

  /** Merges chunks into one, durations ascending; ties keep the order of the list. */
  static RunChunk merge(List<RunChunk> chunks) {
    if (chunks.isEmpty()) {
      return EMPTY;
    }
    RunChunk[] level = chunks.toArray(new RunChunk[0]);
    int n = level.length;
    // Balanced pairwise merging: log2(k) passes over the runs instead of k.
    while (n > 1) {
      int m = 0;
      for (int i = 0; i < n; i += 2) {
        level[m++] = i + 1 < n ? mergeTwo(level[i], level[i + 1]) : level[i];
      }
      n = m;
    }
    return level[0];
  }

  private static RunChunk mergeTwo(RunChunk a, RunChunk b) {
    if (a.size() == 0) {
      return b;
    }
    if (b.size() == 0) {
      return a;
    }
    int n = a.size() + b.size();
    double[] d = new double[n];
    long[] st = new long[n];
    boolean steps = a.stepNumbers != null || b.stepNumbers != null || a.stepNumber != b.stepNumber;
    int[] sn = steps ? new int[n] : null;
    String[] er = a.errorTypes != null || b.errorTypes != null ? new String[n] : null;
    int i = 0;
    int j = 0;
    for (int k = 0; k < n; k++) {
      boolean fromA =
          j >= b.size() || (i < a.size() && Double.compare(a.durations[i], b.durations[j]) <= 0);
      RunChunk src = fromA ? a : b;
      int at = fromA ? i++ : j++;
      d[k] = src.durations[at];
      st[k] = src.starts[at];
      if (sn != null) {
        sn[k] = src.stepNumberAt(at);
      }
      if (er != null) {
        er[k] = src.errorAt(at);
      }
    }
    return new RunChunk(d, st, sn, steps ? 0 : a.stepNumber, er);
  }

  @Override
  public String toString() {
    return "RunChunk" + Arrays.toString(durations);
  }
}
